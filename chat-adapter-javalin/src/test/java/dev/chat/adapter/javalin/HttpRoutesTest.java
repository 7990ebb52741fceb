package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void health_answers_ok_and_the_number_of_connected_clients_as_json() throws Exception {
        assertEquals("{\"status\":\"ok\",\"clients\":0,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());

        try (var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            var response = running.get("/health");

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertEquals("{\"status\":\"ok\",\"clients\":2,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", response.body());
        }
    }

    @Test
    void live_answers_while_the_process_does_and_ready_until_the_server_drains() throws Exception {
        assertEquals("{\"status\":\"ok\"}", running.get("/health/live").body());
        assertEquals("{\"status\":\"ready\"}", running.get("/health/ready").body());

        running.server.drain();

        var ready = running.get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"draining\"}", ready.body());
        assertEquals(200, running.get("/health/live").statusCode());
    }

    @Test
    void a_draining_node_keeps_its_clients_and_sends_a_new_one_elsewhere_with_503_draining() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            running.server.drain();

            var refused = RawSocket.refusedUpgrade(running.port(), "userId=bob&username=Bob", Map.of());
            assertEquals(503, refused.status());
            assertTrue(refused.body().contains("\"code\":\"draining\""), refused.body());
            alice.send("{\"type\":\"chat\",\"content\":\"still served\"}");
            assertEquals("still served", alice.nextOfType("chat").get("content").asText());
        }
    }

    @Test
    void without_a_metrics_page_metrics_is_not_found_in_json() throws Exception {
        var response = running.get("/metrics");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void stats_shows_the_hubs_counters() throws Exception {
        try (var alice = TestClient.joined(running.port(), "alice", "Alice")) {
            alice.send("{\"type\":\"chat\",\"content\":\"hi\"}");
            alice.nextOfType("chat");

            assertEquals("{\"clients\":1,\"messages\":2,\"dropped\":0,\"closedTooSlow\":0,\"closedSendFailed\":0,"
                    + "\"users\":1,\"rooms\":1,\"deliveries\":2,\"messagesByType\":{\"chat\":1,\"system\":0,\"join\":1,"
                    + "\"leave\":0,\"direct\":0,\"edit\":0,\"delete\":0,\"react\":0,\"unreact\":0},\"inboxDepth\":0}",
                    running.get("/stats").body());
        }
    }
}
