package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The original protocol, spoken by real WebSocket clients to the real server. */
class ChatProtocolTest {

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void every_client_including_the_newcomer_is_told_who_joined() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.connect(running.port(), "userId=bob&username=Bob")) {
            var toAlice = alice.next();
            var toBob = bob.nextJoinOf("bob");

            assertEquals(toAlice, toBob);
            assertEquals("join", toBob.get("type").asText());
            assertEquals("bob", toBob.get("userId").asText());
            assertEquals("Bob", toBob.get("username").asText());
        }
    }

    @Test
    void the_others_are_told_who_left() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            var bob = TestClient.joined(running.port(), "bob", "Bob");
            alice.nextOfType("join");

            bob.close();

            var leave = alice.next();
            assertEquals("leave", leave.get("type").asText());
            assertEquals("bob", leave.get("userId").asText());
        }
    }

    @Test
    void a_chat_is_broadcast_to_everyone_stamped_by_the_server() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");
            var before = Instant.now();

            alice.send("""
                    {"type":"chat","content":"Hello everyone!","userId":"mallory","username":"Mallory","timestamp":"2001-01-01T00:00:00Z"}""");

            var toBob = bob.next();
            assertEquals(toBob, alice.next());
            assertEquals("chat", toBob.get("type").asText());
            assertEquals("alice", toBob.get("userId").asText(), "identity comes from the connection");
            assertEquals("Alice", toBob.get("username").asText());
            assertEquals("Hello everyone!", toBob.get("content").asText());
            var stamped = Instant.parse(toBob.get("timestamp").asText());
            assertTrue(!stamped.isBefore(before.minusMillis(1)) && stamped.isBefore(before.plus(Duration.ofMinutes(1))),
                    "stamped with the server's time, not the client's: " + stamped);
            assertTrue(toBob.get("timestamp").asText().endsWith("Z"), "UTC");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON              | hello there                                   | invalid_json",
        "a JSON array          | [1,2]                                         | invalid_json",
        "a number as content   | {\"type\":\"chat\",\"content\":5}              | invalid_json",
        "a boolean as content  | {\"type\":\"chat\",\"content\":true}           | invalid_json",
        "a number as type      | {\"type\":7}                                  | invalid_json",
        "data after the object | {\"type\":\"chat\",\"content\":\"a\"} trailing   | invalid_json",
        "a key twice           | {\"type\":\"chat\",\"content\":\"a\",\"content\":\"b\"} | invalid_json",
        "no type               | {\"content\":\"hi\"}                          | type_required",
        "an unknown type       | {\"type\":\"shout\",\"content\":\"hi\"}       | unknown_type",
        "a system message      | {\"type\":\"system\",\"content\":\"fake\"}    | type_not_allowed",
        "a join                | {\"type\":\"join\",\"content\":\"fake\"}      | type_not_allowed",
        "a leave               | {\"type\":\"leave\",\"content\":\"fake\"}     | type_not_allowed",
        "empty content         | {\"type\":\"chat\",\"content\":\"\"}          | content_empty",
        "blank content         | {\"type\":\"chat\",\"content\":\"   \"}       | content_empty",
        "a lone surrogate      | {\"type\":\"chat\",\"content\":\"a\\ud83d b\"} | content_invalid",
        "a room called .       | {\"type\":\"subscribe\",\"room\":\".\"}      | invalid_room",
        "a room called ..      | {\"type\":\"subscribe\",\"room\":\"..\"}     | invalid_room",
        "a chat into room ..   | {\"type\":\"chat\",\"room\":\"..\",\"content\":\"x\"} | invalid_room",
    })
    void bad_input_is_answered_to_its_sender_only_and_the_connection_stays_open(
            String description, String sent, String code) throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");

            alice.send(sent);

            var error = alice.next();
            assertEquals("error", error.get("type").asText(), description);
            assertEquals(code, error.get("code").asText());
            assertFalse(error.get("message").asText().isBlank());
            alice.send("{\"type\":\"chat\",\"content\":\"still here\"}");
            assertEquals("still here", alice.next().get("content").asText());
            assertEquals("still here", bob.next().get("content").asText(), "bob saw nothing of the bad input");
        }
    }

    @Test
    void a_chat_with_fields_of_its_clients_own_of_any_json_type_is_posted_as_the_original_server_did()
            throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");

            alice.send("{\"type\":\"chat\",\"content\":\"hi\",\"clientMsgId\":42,\"meta\":{\"x\":1}}");

            assertEquals("hi", bob.nextOfType("chat").get("content").asText());
            alice.send("{\"type\":\"chat\",\"content\":42,\"meta\":{\"x\":1}}");
            assertEquals("invalid_json", alice.nextOfType("error").get("code").asText(),
                    "a field the protocol knows keeps its type");
        }
    }

    @Test
    void content_is_counted_in_characters_so_a_thousand_emoji_pass_and_one_more_does_not() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            var emoji = "\uD83D\uDE00";

            alice.send("{\"type\":\"chat\",\"content\":\"" + emoji.repeat(1000) + "\"}");
            assertEquals(emoji.repeat(1000), alice.next().get("content").asText());

            alice.send("{\"type\":\"chat\",\"content\":\"" + emoji.repeat(1001) + "\"}");
            assertEquals("content_too_long", alice.next().get("code").asText());
        }
    }

    @Test
    void a_text_message_over_8_kb_closes_only_its_own_connection_with_1009() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");

            bob.send("{\"type\":\"chat\",\"content\":\"" + "x".repeat(8200) + "\"}");

            assertEquals(1009, bob.awaitClose().code());
            assertEquals("leave", alice.next().get("type").asText());
            alice.send("{\"type\":\"chat\",\"content\":\"unaffected\"}");
            assertEquals("unaffected", alice.next().get("content").asText());
        }
    }

    @Test
    void a_message_sent_in_fragments_arrives_whole() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            alice.sendInFragments("{\"type\":\"chat\",", "\"content\":\"in ", "three pieces\"}");

            assertEquals("in three pieces", alice.nextOfType("chat").get("content").asText());
        }
    }

    @Test
    void a_clients_ping_is_answered_with_a_pong_that_carries_its_payload() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            assertEquals("are you there?", alice.ping("are you there?"));
            assertEquals("still?", alice.ping("still?"));
        }
    }

    @Test
    void a_binary_message_closes_its_connection_with_1003() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");

            bob.sendBinary(new byte[] {1, 2, 3});

            assertEquals(1003, bob.awaitClose().code());
            assertEquals("leave", alice.next().get("type").asText());
        }
    }

    @Test
    void a_client_that_vanishes_right_after_the_upgrade_is_forgotten() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (var raw = RawSocket.upgrade(running.port(), "username=Ghost" + i, Map.of(), 0)) {
                assertEquals(101, raw.readAnswer().status());
            }
        }

        Await.until(() -> running.server.openSessions() == 0 && running.hub.clientCount() == 0,
                () -> running.server.openSessions() + " sockets and " + running.hub.clientCount() + " clients remain");
    }

    @Test
    void connecting_and_disconnecting_many_times_leaves_nothing_behind() throws Exception {
        for (int i = 0; i < 200; i++) {
            TestClient.joined(running.port(), "u" + i, "User").close();
        }
        Await.until(() -> running.hub.clientCount() == 0, () -> running.hub.clientCount() + " clients remain");
        Await.until(() -> running.server.openSessions() == 0,
                () -> running.server.openSessions() + " sockets still open");
        assertEquals("{\"status\":\"ok\",\"clients\":0,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());
    }
}
