package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeTest {

    private final RunningServer running = RunningServer.start(
            ServerSettings.defaults().withAllowedOrigins(Set.of("https://chat.example.com")), HubSettings.defaults());

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "missing username,     userId=u1,                 username_required",
        "empty username,       userId=u1&username=,       username_required",
        "blank username,       userId=u1&username=%20%20, username_required",
        "51 character username, userId=u1&username=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, username_too_long",
        "right-to-left override in the username, userId=alice&username=Alice%E2%80%AEetalp, username_invalid",
        "line break in the username, userId=alice&username=Alice%0Aadmin, username_invalid",
        "isolate in the userId, userId=ali%E2%81%A6ce&username=Alice, user_id_invalid",
        "control character in the userId, userId=ali%07ce&username=Alice, user_id_invalid",
    })
    void a_bad_name_is_refused_with_400_and_a_json_error_before_any_upgrade(
            String description, String query, String code) throws Exception {
        var answer = RawSocket.refusedUpgrade(running.port(), query, Map.of());

        assertEquals(400, answer.status(), description);
        assertTrue(answer.headers().get("content-type").startsWith("application/json"));
        assertTrue(answer.body().startsWith("{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":"), answer.body());
        assertEquals("{\"status\":\"ok\",\"clients\":0,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());
    }

    @Test
    void a_username_of_fifty_emoji_is_accepted() throws Exception {
        var fiftyEmoji = "%F0%9F%98%80".repeat(50);
        try (var client = TestClient.connect(running.port(), "userId=u1&username=" + fiftyEmoji)) {
            assertEquals("\uD83D\uDE00".repeat(50), client.nextOfType("join").get("username").asText());
        }
    }

    @Test
    void a_client_without_a_user_id_is_given_a_unique_one() throws Exception {
        try (var first = TestClient.entered(running.port(), "username=Anon");
             var second = TestClient.connect(running.port(), "username=Anon")) {
            var users = second.nextOfType("presence").get("users");

            assertEquals(2, users.size(), users.toString());
            var firstId = users.get(0).get("userId").asText();
            assertFalse(firstId.isBlank());
            assertNotEquals(firstId, users.get(1).get("userId").asText());
        }
    }

    @Test
    void a_page_from_an_origin_that_is_not_allowed_is_refused_with_403() throws Exception {
        var answer = RawSocket.refusedUpgrade(running.port(), "username=Eve",
                Map.of("Origin", "https://evil.example.net"));

        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("\"code\":\"origin_not_allowed\""), answer.body());
    }

    @Test
    void a_page_from_an_allowed_origin_connects() throws Exception {
        try (var raw = RawSocket.upgrade(running.port(), "username=Alice",
                Map.of("Origin", "https://chat.example.com"), 0)) {
            assertEquals(101, raw.readAnswer().status());
        }
    }

    @Test
    void compression_is_not_negotiated_even_when_a_browser_asks_for_it() throws Exception {
        try (var raw = RawSocket.upgrade(running.port(), "username=Alice",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"), 0)) {
            var answer = raw.readAnswer();

            assertEquals(101, answer.status());
            assertFalse(answer.headers().containsKey("sec-websocket-extensions"), answer.headers().toString());
        }
    }

    @Test
    void a_client_that_sends_no_origin_is_not_a_browser_page_and_connects() throws Exception {
        try (var client = TestClient.connect(running.port(), "username=Cli")) {
            assertEquals("presence", client.next().get("type").asText());
        }
    }
}
