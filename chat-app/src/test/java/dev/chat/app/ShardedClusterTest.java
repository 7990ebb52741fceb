package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two servers over three real Redis servers ({@code REDIS_URL} a list), with real WebSocket clients. */
class ShardedClusterTest {

    private final List<LocalRedis> servers = new ArrayList<>();
    private final List<ChatApplication> nodes = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void startThreeRedisServersAndTwoNodes() throws ConfigException {
        IntStream.range(0, 3).forEach(i -> servers.add(LocalRedis.start()));
        var urls = servers.stream().map(LocalRedis::url).collect(Collectors.joining(","));
        for (int i = 1; i <= 2; i++) {
            nodes.add(ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "memory",
                    "REDIS_URL", urls, "NODE_ID", "n" + i, "NODE_TIMEOUT", "900ms", "DRAIN_TIMEOUT", "0s",
                    "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0")).config()));
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        clients.forEach(TestClient::close);
        for (var node : nodes) {
            node.stop();
        }
        servers.forEach(LocalRedis::close);
    }

    @Test
    void rooms_spread_over_the_servers_are_one_chat_and_a_direct_message_crosses_them() throws Exception {
        var rooms = servers.stream().map(server -> server.nameHeld("room", servers)).toList();
        var alicesServer = LocalRedis.holding("alice", servers);
        var bobId = servers.stream().filter(server -> server != alicesServer).findFirst().orElseThrow()
                .nameHeld("user", servers);
        var alice = enter(0, "alice", rooms.get(0));
        var bob = enter(1, bobId, rooms.get(0));
        for (var room : rooms.subList(1, 3)) {
            alice.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
            alice.nextOfType("presence");
            bob.send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
            bob.nextOfType("presence");
        }

        for (var room : rooms) {
            alice.send(chat(room, "hi " + room));
        }
        var heard = new HashSet<String>();
        for (int i = 0; i < rooms.size(); i++) {
            var chat = bob.nextOfType("chat");
            heard.add(chat.get("room").asText() + ": " + chat.get("content").asText());
        }
        assertEquals(rooms.stream().map(room -> room + ": hi " + room).collect(Collectors.toSet()), heard,
                "each room's chat, in whatever order its server sent it: rooms on several servers have no order");
        alice.send("{\"type\":\"direct\",\"to\":\"" + bobId + "\",\"content\":\"psst\"}");
        assertEquals("psst", bob.nextOfType("direct").get("content").asText());
    }

    @Test
    void a_server_that_stops_during_a_conversation_stops_only_its_rooms_and_they_come_back_without_a_gap()
            throws Exception {
        var failing = servers.get(1);
        var stopped = failing.nameHeld("room", servers);
        var going = servers.get(0).nameHeld("room", servers);
        var alice = enter(0, "alice", stopped);
        var bob = enter(1, "bob", stopped);
        var carol = enter(0, "carol", going);
        var dave = enter(1, "dave", going);
        alice.send(chat(stopped, "before"));
        long before = bob.nextOfType("chat").get("id").asLong();

        failing.stop();
        awaitHealth(0, "\"cluster\":\"unavailable\"");
        alice.send(chat(stopped, "refused"));
        assertEquals("cluster_unavailable", alice.nextOfType("error").get("code").asText());
        carol.send(chat(going, "goes on"));
        assertEquals("goes on", dave.nextOfType("chat").get("content").asText(), "the other rooms go on");

        failing.restart();
        awaitHealth(0, "\"cluster\":\"ok\"");
        awaitHealth(1, "\"cluster\":\"ok\"");
        JsonNode after;
        do {
            alice.send(chat(stopped, "after"));
            after = alice.next();
        } while (!after.get("type").asText().equals("chat") || !after.get("content").asText().equals("after"));
        var next = bob.nextOfType("chat");
        assertEquals("after", next.get("content").asText(), "bob was sent nothing that was refused");
        assertTrue(next.get("id").asLong() > before, "ids never go back");
        awaitUsers(stopped, "[\"alice\",\"bob\"]");
    }

    private void awaitUsers(String room, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        var users = AppRequests.get(nodes.get(0), "/api/rooms/" + room + "/users").body();
        while (!users.replaceAll("\\{\"userId\":(\"[a-z]+\")[^}]*}", "$1").contains(expected)) {
            assertTrue(System.nanoTime() < deadline, "the room's users are back: " + users);
            Thread.yield();
            users = AppRequests.get(nodes.get(0), "/api/rooms/" + room + "/users").body();
        }
    }

    private void awaitHealth(int node, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!AppRequests.get(nodes.get(node), "/health").body().contains(expected)) {
            assertTrue(System.nanoTime() < deadline, "node " + node + " never reported " + expected);
            Thread.yield();
        }
    }

    private static String chat(String room, String content) {
        return "{\"type\":\"chat\",\"room\":\"" + room + "\",\"content\":\"" + content + "\"}";
    }

    private TestClient enter(int node, String userId, String room) throws InterruptedException {
        var client = TestClient.connect(nodes.get(node).port(), "userId=" + userId + "&username=" + userId
                + "&room=" + room);
        clients.add(client);
        client.nextOfType("presence");
        return client;
    }
}
