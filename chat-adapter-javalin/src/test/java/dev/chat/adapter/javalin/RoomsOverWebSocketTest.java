package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rooms, direct messages, presence, history and resume, spoken by real WebSocket clients to the real server. */
class RoomsOverWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_client_can_enter_a_room_at_connect_and_its_chats_reach_that_room_only() throws Exception {
        try (var red = TestClient.connect(running.port(), "userId=alice&username=Alice&room=red");
             var global = TestClient.joined(running.port(), "bob", "Bob")) {
            var presence = red.next();
            assertEquals("presence", presence.get("type").asText());
            assertEquals("red", presence.get("room").asText());
            red.nextJoinOf("alice");

            red.send("{\"type\":\"chat\",\"content\":\"only red\"}");
            var chat = red.next();
            assertEquals("red", chat.get("room").asText());
            assertEquals("2", chat.get("id").asText());

            global.send("{\"type\":\"chat\",\"content\":\"only global\"}");
            assertEquals("only global", global.next().get("content").asText(), "global never saw red's chat");
        }
    }

    @Test
    void a_badly_named_room_or_resume_point_is_refused_before_the_upgrade() throws Exception {
        var room = RawSocket.refusedUpgrade(running.port(), "username=A&room=no%20spaces", Map.of());
        var since = RawSocket.refusedUpgrade(running.port(), "username=A&room=red&since=soon", Map.of());

        assertEquals(400, room.status());
        assertTrue(room.body().contains("\"code\":\"invalid_room\""), room.body());
        assertEquals(400, since.status());
        assertTrue(since.body().contains("\"code\":\"invalid_since\""), since.body());
    }

    @Test
    void subscribe_and_unsubscribe_move_a_connection_between_rooms() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.connect(running.port(), "userId=bob&username=Bob&room=blue")) {
            bob.nextJoinOf("bob");

            alice.send("{\"type\":\"subscribe\",\"room\":\"blue\"}");
            var presence = alice.nextOfType("presence");
            assertEquals("blue", presence.get("room").asText());
            assertEquals(2, presence.get("count").asInt());
            assertEquals("alice", bob.nextJoinOf("alice").get("userId").asText());

            alice.send("{\"type\":\"chat\",\"content\":\"which room?\"}");
            assertEquals("room_required", alice.nextOfType("error").get("code").asText());
            alice.send("{\"type\":\"chat\",\"room\":\"blue\",\"content\":\"hi blue\"}");
            assertEquals("hi blue", bob.nextOfType("chat").get("content").asText());

            alice.send("{\"type\":\"unsubscribe\",\"room\":\"blue\"}");
            assertEquals("alice", bob.nextOfType("leave").get("userId").asText());
            alice.send("{\"type\":\"chat\",\"room\":\"blue\",\"content\":\"anyone?\"}");
            assertEquals("not_in_room", alice.nextOfType("error").get("code").asText());
        }
    }

    @Test
    void a_direct_message_reaches_both_tabs_of_its_recipient_and_the_sender_only() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bobHome = TestClient.joined(running.port(), "bob", "Bob");
             var bobWork = TestClient.entered(running.port(), "userId=bob&username=Bob&room=work");
             var carol = TestClient.joined(running.port(), "carol", "Carol")) {

            alice.send("{\"type\":\"direct\",\"to\":\"bob\",\"content\":\"psst\"}");

            for (var client : List.of(bobHome, bobWork, alice)) {
                var direct = client.nextOfType("direct");
                assertEquals("alice", direct.get("userId").asText());
                assertEquals("bob", direct.get("to").asText());
                assertEquals("psst", direct.get("content").asText());
            }
            alice.send("{\"type\":\"direct\",\"to\":\"nobody\",\"content\":\"hello?\"}");
            assertEquals("user_offline", alice.nextOfType("error").get("code").asText());
            carol.send("{\"type\":\"chat\",\"content\":\"me too?\"}");
            assertEquals("chat", carol.nextOfType("chat").get("type").asText(), "carol got no direct message");
        }
    }

    @Test
    void a_newcomer_gets_the_rooms_history_and_a_reconnecting_client_resumes_without_gaps() throws Exception {
        try (var alice = TestClient.connect(running.port(), "userId=alice&username=Alice&room=red")) {
            alice.nextJoinOf("alice");
            for (int i = 1; i <= 3; i++) {
                alice.send("{\"type\":\"chat\",\"content\":\"m" + i + "\"}");
                alice.nextOfType("chat");
            }

            try (var bob = TestClient.connect(running.port(), "userId=bob&username=Bob&room=red")) {
                assertEquals("presence", bob.next().get("type").asText());
                assertEquals(List.of("Alice joined", "m1", "m2", "m3"), contents(bob, 4));
                assertEquals("5", bob.nextJoinOf("bob").get("id").asText());
            }
            alice.nextOfType("leave");
            alice.send("{\"type\":\"chat\",\"content\":\"while bob was away\"}");

            try (var back = TestClient.connect(running.port(), "userId=bob&username=Bob&room=red&since=5")) {
                var presence = back.next();
                assertTrue(presence.get("recovered").asBoolean(), presence.toString());
                assertEquals(List.of("6", "7"), ids(back, 2), "Bob's leave and the chat he missed");
                assertEquals("8", back.nextJoinOf("bob").get("id").asText());
            }
        }
    }

    @Test
    void the_rest_api_lists_rooms_their_users_and_pages_of_history() throws Exception {
        try (var alice = TestClient.connect(running.port(), "userId=alice&username=Alice&room=red");
             var bob = TestClient.connect(running.port(), "userId=bob&username=Bob&room=red");
             var carol = TestClient.joined(running.port(), "carol", "Carol")) {
            alice.nextJoinOf("alice");
            bob.nextJoinOf("bob");
            for (int i = 1; i <= 4; i++) {
                alice.send("{\"type\":\"chat\",\"content\":\"m" + i + "\"}");
                bob.nextOfType("chat");
            }

            assertEquals("{\"rooms\":[{\"room\":\"red\",\"members\":2},{\"room\":\"global\",\"members\":1}]}",
                    running.get("/api/rooms").body());
            assertEquals("{\"room\":\"red\",\"users\":[{\"userId\":\"alice\",\"username\":\"Alice\"},"
                    + "{\"userId\":\"bob\",\"username\":\"Bob\"}]}", running.get("/api/rooms/red/users").body());
            var page = JSON.readTree(running.get("/api/rooms/red/messages?limit=2&before=6").body());
            assertEquals("red", page.get("room").asText());
            assertEquals(List.of("4", "5"), List.of(page.get("messages").get(0).get("id").asText(),
                    page.get("messages").get(1).get("id").asText()));
            assertEquals("m2", page.get("messages").get(0).get("content").asText());
            var newest = JSON.readTree(running.get("/api/rooms/red/messages?limit=1").body());
            assertEquals("m4", newest.get("messages").get(0).get("content").asText());
            assertEquals(400, running.get("/api/rooms/red/messages?limit=1000").statusCode());
            assertEquals(400, running.get("/api/rooms/no%20spaces/users").statusCode());
        }
    }

    private static List<String> contents(TestClient client, int count) throws InterruptedException {
        var contents = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            JsonNode message = client.next();
            contents.add(message.get("content").asText());
        }
        return contents;
    }

    private static List<String> ids(TestClient client, int count) throws InterruptedException {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(client.next().get("id").asText());
        }
        return ids;
    }
}
