package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's own messages over every room, page by page, as the per-user history API serves them. */
class UserHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_users_chats_in_every_room_page_back_from_the_newest_without_loss_or_repeat() throws Exception {
        var alice = TestClient.entered(running.port(), "userId=alice&username=Alice&room=dev");
        var bob = TestClient.entered(running.port(), "userId=bob&username=Bob&room=dev");
        alice.send("{\"type\":\"subscribe\",\"room\":\"ops\"}");
        alice.nextOfType("presence");
        for (int i = 1; i <= 5; i++) {
            alice.send("{\"type\":\"chat\",\"room\":\"" + (i % 2 == 0 ? "ops" : "dev") + "\",\"content\":\"a" + i + "\"}");
            alice.nextOfType("chat");
        }
        bob.send("{\"type\":\"chat\",\"content\":\"not alice's\"}");
        bob.nextOfType("chat");

        var received = new ArrayList<JsonNode>();
        var first = page("/api/users/alice/messages?limit=2");
        var second = page("/api/users/alice/messages?limit=2&before=" + first.get("next").asText());
        var third = page("/api/users/alice/messages?limit=2&before=" + second.get("next").asText());
        for (var page : List.of(third, second, first)) {
            page.get("messages").forEach(received::add);
        }
        var inPositionOrder = received.stream().sorted(Comparator
                .comparing((JsonNode message) -> Instant.parse(message.get("timestamp").asText()))
                .thenComparing(message -> message.get("room").asText())
                .thenComparingLong(message -> message.get("id").asLong())).toList();

        assertEquals("alice", first.get("userId").asText());
        assertEquals(Set.of("a1", "a2", "a3", "a4", "a5"),
                received.stream().map(message -> message.get("content").asText()).collect(Collectors.toSet()));
        assertEquals(5, received.size(), "none twice");
        assertEquals(inPositionOrder, received, "by time, then room, then id: chats in one millisecond keep an order");
        assertTrue(third.get("next").isNull(), "the last page says there is no more");
    }

    @Test
    void a_bad_before_is_refused_with_400_and_a_json_reason() throws Exception {
        var response = running.get("/api/users/alice/messages?before=yesterday");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"invalid_parameter\""), response.body());
    }

    private JsonNode page(String path) throws Exception {
        var response = running.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
