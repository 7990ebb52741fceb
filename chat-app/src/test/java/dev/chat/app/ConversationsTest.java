package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import dev.chat.app.example.MintToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits, deletions, reactions and read marks through the path a user takes: real WebSocket clients and the HTTP
 * routes, against a server on SQLite that restarts, and against two nodes over a real Redis.
 */
class ConversationsTest {

    @TempDir
    Path data;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (var resource : opened.reversed()) {
            resource.close();
        }
    }

    @Test
    void history_shows_chats_as_they_are_now_and_read_marks_and_unread_counts_outlive_a_restart() throws Exception {
        long read;
        var first = start(Map.of());
        try {
            var alice = TestClient.entered(first.port(), "userId=alice&username=Alice&room=dev");
            var bob = TestClient.entered(first.port(), "userId=bob&username=Bob&room=dev");
            alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"helo\"}");
            var helo = alice.nextOfType("chat").get("id").asText();
            alice.send("{\"type\":\"edit\",\"room\":\"dev\",\"id\":\"" + helo + "\",\"content\":\"hello\"}");
            alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"my secret\"}");
            var secret = alice.nextOfType("chat").get("id").asText();
            alice.send("{\"type\":\"delete\",\"room\":\"dev\",\"id\":\"" + secret + "\"}");
            alice.nextOfType("delete");
            bob.send("{\"type\":\"react\",\"room\":\"dev\",\"id\":\"" + helo + "\",\"emoji\":\"\uD83D\uDC4D\"}");
            var reaction = bob.nextOfType("reaction");
            assertEquals(helo, reaction.get("target").asText());
            bob.send("{\"type\":\"read\",\"room\":\"dev\",\"id\":\"" + reaction.get("id").asText() + "\"}");
            var receipt = alice.nextOfType("read");
            assertEquals("bob", receipt.get("userId").asText());
            read = receipt.get("id").asLong();

            var page = AppRequests.get(first, "/api/rooms/dev/messages").body();
            assertTrue(page.contains("\"content\":\"hello\",\"timestamp\""), page);
            assertTrue(page.contains("\"reactions\":{\"\uD83D\uDC4D\":1}"), page);
            assertTrue(page.contains("\"deleted\":true"), page);
            assertFalse(page.contains("my secret"), page);
            alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"unread by bob\"}");
            var last = alice.nextOfType("chat").get("id").asText();
            assertEquals("{\"userId\":\"bob\",\"rooms\":[{\"room\":\"dev\",\"lastRead\":\"" + read
                    + "\",\"unread\":1,\"lastId\":\"" + last + "\"}]}",
                    AppRequests.get(first, "/api/users/bob/unread").body());
        } finally {
            first.stop();
        }

        var again = start(Map.of());
        try {
            var bob = TestClient.connect(again.port(), "userId=bob&username=Bob&room=dev");
            var presence = bob.nextOfType("presence");
            assertEquals(String.valueOf(read), presence.get("lastRead").asText(), presence.toString());
            assertEquals(1, presence.get("unread").asInt(), presence.toString());
            assertTrue(AppRequests.get(again, "/api/users/bob/unread").body().contains("\"lastRead\":\"" + read + "\""));
        } finally {
            again.stop();
        }
    }

    @Test
    void on_two_nodes_changes_and_read_marks_reach_every_node_and_a_newcomer_sees_chats_as_they_are_now()
            throws Exception {
        var redis = LocalRedis.start();
        opened.add(redis);
        var one = start(node("n1", redis));
        var two = start(node("n2", redis));
        opened.add(one::stop);
        opened.add(two::stop);
        var alice = client(one, "alice", "Alice");
        var bob = client(two, "bob", "Bob");
        var alicesOtherTab = client(two, "alice", "Alice");
        alice.nextJoinOf("bob");

        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"launch code 4711\"}");
        var chat = bob.nextOfType("chat").get("id").asText();
        alice.send("{\"type\":\"edit\",\"room\":\"dev\",\"id\":\"" + chat + "\",\"content\":\"launch code 4712\"}");
        assertEquals("launch code 4712", bob.nextOfType("edit").get("content").asText());
        alice.send("{\"type\":\"delete\",\"room\":\"dev\",\"id\":\"" + chat + "\"}");
        var deletion = bob.nextOfType("delete");
        bob.send("{\"type\":\"read\",\"room\":\"dev\",\"id\":\"" + deletion.get("id").asText() + "\"}");

        assertEquals("bob", alice.nextOfType("read").get("userId").asText(), "the room on the other node");
        assertEquals("bob", alicesOtherTab.nextOfType("read").get("userId").asText());
        var carol = TestClient.connect(one.port(), "userId=carol&username=Carol&room=dev");
        opened.add(carol::close);
        carol.nextOfType("presence");
        var kept = carol.nextOfType("chat");
        assertTrue(kept.get("deleted").asBoolean(), kept.toString());
        assertFalse(kept.has("content"), kept.toString());
        assertTrue(AppRequests.get(one, "/api/users/bob/unread").body()
                .contains("\"lastRead\":\"" + deletion.get("id").asText() + "\""), "marks are the cluster's");
    }

    @Test
    void where_identities_are_verified_an_operator_deletes_anyone_s_chat_and_another_user_may_not() throws Exception {
        var secret = "a-secret-for-the-conversation-tests-32b";
        var app = start(Map.of("AUTH_SECRET", secret));
        opened.add(app::stop);
        var alice = token(app, MintToken.mint(secret, "alice", "Alice", List.of(), Duration.ofHours(1)));
        var bob = token(app, MintToken.mint(secret, "bob", "Bob", List.of(), Duration.ofHours(1)));
        var moderator = token(app, OperatorToken.mint(secret, "root", "Root"));
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"spam\"}");
        var spam = bob.nextOfType("chat").get("id").asText();

        bob.send("{\"type\":\"delete\",\"room\":\"dev\",\"id\":\"" + spam + "\"}");
        assertEquals("forbidden", bob.nextOfType("error").get("code").asText());
        moderator.send("{\"type\":\"delete\",\"room\":\"dev\",\"id\":\"" + spam + "\"}");

        var deletion = alice.nextOfType("delete");
        assertEquals("root", deletion.get("userId").asText());
        assertEquals(spam, deletion.get("target").asText());
    }

    private TestClient token(ChatApplication app, String token) throws InterruptedException {
        var client = TestClient.entered(app.port(), "token=" + token + "&room=dev");
        opened.add(client::close);
        return client;
    }

    private TestClient client(ChatApplication node, String userId, String username) throws InterruptedException {
        var client = TestClient.entered(node.port(), "userId=" + userId + "&username=" + username + "&room=dev");
        opened.add(client::close);
        return client;
    }

    private ChatApplication start(Map<String, String> extra) throws ConfigException {
        var environment = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data.toString(),
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0"));
        environment.putAll(extra);
        return ChatApplication.start(ChatConfig.load(environment).config());
    }

    private static Map<String, String> node(String id, LocalRedis redis) {
        return Map.of("STORE", "memory", "REDIS_URL", redis.url(), "NODE_ID", id, "NODE_TIMEOUT", "900ms",
                "DRAIN_TIMEOUT", "0s");
    }
}
