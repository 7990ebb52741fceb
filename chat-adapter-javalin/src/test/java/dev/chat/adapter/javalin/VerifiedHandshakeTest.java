package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Authenticated;
import dev.chat.domain.protocol.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where identities are verified: who gets past the handshake, and what the others are told. */
class VerifiedHandshakeTest {

    private static final Identity ALICE = new Identity("alice", "Alice");

    private static final MetricsPage METRICS = new MetricsPage() {
        @Override
        public String contentType() {
            return "text/plain; version=0.0.4; charset=utf-8";
        }

        @Override
        public String render() {
            return "chat_connections 0.0\n";
        }
    };

    private final RunningServer running = RunningServer.verifying(token -> switch (String.valueOf(token)) {
        case "alice-token" -> Checked.accepted(new Authenticated(ALICE, Instant.MAX, false, RoomPatterns.NONE));
        case "operator-token" -> Checked.accepted(new Authenticated(new Identity("op", "Op"), Instant.MAX, true, RoomPatterns.NONE));
        case "old-token" -> Checked.rejected(ErrorCode.TOKEN_EXPIRED, "the token has expired: get a new one");
        case "null" -> Checked.rejected(ErrorCode.TOKEN_MISSING, "a token is required");
        default -> Checked.rejected(ErrorCode.TOKEN_INVALID, "the token is not one this server accepts");
    }, ServerSettings.defaults().withMetricsPage(METRICS));

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_bearer_token_decides_who_the_connection_is_whatever_the_url_claims() throws Exception {
        var client = TestClient.connect(running.port(), "userId=mallory&username=Mallory",
                Map.of("Authorization", "Bearer alice-token"));

        var presence = client.nextOfType("presence");
        assertEquals("alice", presence.get("users").get(0).get("userId").asText());
        assertEquals("Alice", client.nextOfType("join").get("username").asText());
    }

    @Test
    void a_browser_passes_its_token_in_the_query() throws Exception {
        var client = TestClient.connect(running.port(), "token=alice-token&room=dev");

        assertEquals("dev", client.nextOfType("presence").get("room").asText());
    }

    @Test
    void without_a_token_the_upgrade_is_refused_with_401_and_the_reason() throws Exception {
        assertRefused(ErrorCode.TOKEN_MISSING, "userId=alice&username=Alice", Map.of());
        assertRefused(ErrorCode.TOKEN_EXPIRED, "", Map.of("Authorization", "Bearer old-token"));
        assertRefused(ErrorCode.TOKEN_INVALID, "token=forged", Map.of());
        assertEquals("{\"status\":\"ok\",\"clients\":0,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());
    }

    @Test
    void the_rooms_over_http_need_a_valid_token_and_the_servers_counters_an_operators() throws Exception {
        assertEquals(401, running.get("/api/rooms").statusCode());
        assertTrue(running.get("/api/rooms/global/messages").body().contains("\"code\":\"token_missing\""));
        assertEquals(401, running.get("/api/rooms", "forged").statusCode());
        assertEquals(200, running.get("/api/rooms", "alice-token").statusCode());

        assertEquals(401, running.get("/stats").statusCode());
        var notOperator = running.get("/stats", "alice-token");
        assertEquals(403, notOperator.statusCode());
        assertTrue(notOperator.body().contains("\"code\":\"operator_required\""), notOperator.body());
        assertEquals(200, running.get("/stats", "operator-token").statusCode());
        assertEquals(403, running.get("/api/analytics", "alice-token").statusCode());
        assertEquals(200, running.get("/api/analytics", "operator-token").statusCode());
        var someoneElses = running.get("/api/users/bob/messages", "alice-token");
        assertEquals(403, someoneElses.statusCode());
        assertTrue(someoneElses.body().contains("\"code\":\"history_forbidden\""), someoneElses.body());
        assertEquals(200, running.get("/api/users/alice/messages", "alice-token").statusCode());
        assertEquals(200, running.get("/api/users/bob/messages", "operator-token").statusCode());
        assertEquals(401, running.get("/metrics").statusCode());
        assertEquals(403, running.get("/metrics", "alice-token").statusCode());
        var metrics = running.get("/metrics", "operator-token");
        assertEquals("chat_connections 0.0\n", metrics.body());
        assertEquals(METRICS.contentType(), metrics.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(200, running.get("/health").statusCode(), "load balancers check health without a token");
    }

    @Test
    void a_connection_is_closed_with_4001_once_its_token_runs_out_and_the_grace_with_it() throws Exception {
        var expiresSoon = new Authenticated(ALICE, Instant.now().plusMillis(300), false, RoomPatterns.NONE);
        try (var strict = RunningServer.verifying(token -> Checked.accepted(expiresSoon),
                ServerSettings.defaults().withTokenGrace(Duration.ofMillis(200)))) {
            var client = TestClient.connect(strict.port(), "token=short-lived");
            client.nextOfType("presence");

            var closed = client.awaitClose();

            assertEquals(CloseReason.TOKEN_EXPIRED.code(), closed.code());
            assertEquals("token expired: reconnect with a new token", closed.reason());
            assertTrue(strict.shutdown(), "a session the server closed is released, so a stop does not wait for it");
        }
    }

    private void assertRefused(ErrorCode code, String query, Map<String, String> headers) throws Exception {
        var answer = RawSocket.refusedUpgrade(running.port(), query, headers);

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{\"type\":\"error\",\"code\":\"" + code.wireCode() + "\""), answer.body());
    }
}
