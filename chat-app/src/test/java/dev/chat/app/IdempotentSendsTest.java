package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.redis.LocalRedis;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A send retried after a reconnect lands once: real WebSocket clients whose connection is cut after sending, which
 * reconnect (to the same node, or to another over a real Redis) and send again with the same nonce.
 */
class IdempotentSendsTest {

    private static final String KEY = "a-key-for-the-idempotent-send-tests-1";
    private static final String CHAT = "{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"on my way\",\"nonce\":\"n-1\"}";

    @RegisterExtension
    final TestApps apps = new TestApps();

    @Test
    void a_chat_resent_after_a_forced_reconnect_is_posted_once_and_its_sender_gets_the_original() throws Exception {
        var app = apps.start(Map.of("STORE", "sqlite"));
        assertPostedOnce(app, app);
    }

    @Test
    void a_chat_resent_to_another_node_after_a_reconnect_is_posted_once() throws Exception {
        var redis = LocalRedis.start();
        apps.closedAfter(redis);
        var one = apps.start(node("n1", redis));
        var two = apps.start(node("n2", redis));
        assertPostedOnce(one, two);
    }

    @Test
    void a_server_api_post_retried_with_its_idempotency_key_answers_the_first_and_posts_nothing() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var body = "{\"content\":\"Deploy finished\"}";

        var first = AppRequests.send(app, "POST", "/api/rooms/dev/messages", body, "X-API-Key", KEY,
                "Idempotency-Key", "deploy-4711");
        var retried = AppRequests.send(app, "POST", "/api/rooms/dev/messages", body, "X-API-Key", KEY,
                "Idempotency-Key", "deploy-4711");
        var badKey = AppRequests.send(app, "POST", "/api/rooms/dev/messages", body, "X-API-Key", KEY,
                "Idempotency-Key", "x".repeat(65));

        assertEquals(201, retried.statusCode());
        assertEquals(first.body(), retried.body());
        assertEquals(1, new ObjectMapper().readTree(AppRequests.get(app, "/api/rooms/dev/messages").body())
                .get("messages").size());
        assertEquals(400, badKey.statusCode());
        assertEquals("invalid_nonce", new ObjectMapper().readTree(badKey.body()).get("code").asText());
    }

    /** Alice sends on {@code first}, is cut off, and sends again on {@code second}; bob watches on {@code first}. */
    private void assertPostedOnce(ChatApplication first, ChatApplication second) throws Exception {
        var bob = apps.client(first.port(), "userId=bob&username=Bob&room=dev");
        var alice = apps.client(first.port(), "userId=alice&username=Alice&room=dev");
        bob.nextJoinOf("alice");

        alice.send(CHAT);
        var echoed = alice.nextOfType("chat");
        alice.close();
        var back = apps.client(second.port(), "userId=alice&username=Alice&room=dev&since=" + echoed.get("id").asText());
        back.send(CHAT);
        var again = back.nextOfType("chat");
        back.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"here now\"}");

        assertEquals("n-1", echoed.get("nonce").asText());
        assertEquals(echoed, again, "the original, nonce and all");
        var seen = bob.nextOfType("chat");
        assertEquals("on my way", seen.get("content").asText());
        assertEquals(false, seen.has("nonce"), "only the sender sees the nonce");
        assertEquals("here now", bob.nextOfType("chat").get("content").asText(), "the resend posted nothing");
    }

    private static Map<String, String> node(String id, LocalRedis redis) {
        return Map.of("REDIS_URL", redis.url(), "NODE_ID", id, "NODE_TIMEOUT", "900ms", "DRAIN_TIMEOUT", "0s");
    }
}
