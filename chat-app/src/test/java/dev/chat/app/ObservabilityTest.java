package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.micrometer.PrometheusText;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator's dashboard and Prometheus read from the running application, after real clients chatted. */
class ObservabilityTest {

    @TempDir
    Path data;

    private ChatApplication app;

    @BeforeEach
    void start() throws Exception {
        app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString(),
                "WARMUP_SESSIONS", "0")).config());
        var alice = TestClient.joined(app.port(), "alice", "Alice");
        var bob = TestClient.joined(app.port(), "bob", "Bob");
        alice.nextJoinOf("bob");
        for (var content : new String[] {"one", "two", "three"}) {
            alice.send("{\"type\":\"chat\",\"content\":\"" + content + "\"}");
            assertEquals(content, bob.nextOfType("chat").get("content").asText());
        }
        alice.nextOfType("chat");
        alice.nextOfType("chat");
        assertEquals("three", alice.nextOfType("chat").get("content").asText());
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
    }

    @Test
    void analytics_answer_under_the_original_servers_field_names() throws Exception {
        var response = get("/api/analytics");
        var analytics = new ObjectMapper().readTree(response.body());

        assertEquals(200, response.statusCode());
        assertEquals(3, analytics.get("totalMessages").asLong(), "the chats; joins are not what users posted");
        assertEquals(2, analytics.get("activeConnections").asInt());
        assertEquals(2, analytics.get("activeUsers").asInt());
        assertEquals(2, analytics.get("peakConnections").asInt());
        assertEquals(15, analytics.get("messagesPerMinute").size());
        long counted = 0;
        for (var minute : analytics.get("messagesPerMinute")) {
            counted += minute.asLong();
        }
        assertEquals(3, counted, analytics.toString());
        assertTrue(analytics.get("latencyP50Ms").asDouble() > 0, analytics.toString());
        assertTrue(analytics.get("latencyP99Ms").asDouble() >= analytics.get("latencyP95Ms").asDouble());
        assertEquals("alice", analytics.get("activeUserDetails").get(0).get("userId").asText());
        assertTrue(analytics.get("uptimeSeconds").asLong() >= 0);
        assertTrue(analytics.get("serverStartTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void metrics_are_prometheus_text_with_counts_latency_histograms_and_the_store() throws Exception {
        var response = get("/metrics");
        var samples = PrometheusText.samples(response.body());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertEquals(2.0, samples.get("chat_connections"));
        assertEquals(2.0, samples.get("chat_users"));
        assertEquals(1.0, samples.get("chat_rooms"));
        assertEquals(3.0, samples.get("chat_messages_total{type=\"chat\"}"));
        assertEquals(2.0, samples.get("chat_messages_total{type=\"join\"}"));
        assertEquals(3.0, samples.get("chat_delivery_latency_seconds_count"));
        assertEquals(2.0, samples.get("chat_handshake_latency_seconds_count"));
        assertTrue(samples.get("chat_store_write_latency_seconds_count") >= 1, "the store committed a batch");
        assertEquals(1.0, samples.get("chat_store_available"));
        assertEquals(0.0, samples.get("chat_store_write_failures_total"));
        assertTrue(samples.keySet().stream().noneMatch(name -> name.contains("alice") || name.contains("global")),
                "no label names a user or a room");
    }

    @Test
    void the_protocol_guide_shows_the_fields_and_metrics_the_server_answers_with() throws Exception {
        var guide = Files.readString(Path.of("..", "docs", "protocol.md"));
        var json = new ObjectMapper();

        for (var route : new String[] {"/stats", "/api/analytics", "/api/nodes"}) {
            int example = guide.indexOf("\n{", guide.indexOf("$ curl -s localhost:8080" + route + "\n"));
            var documented = json.readTree(guide.substring(example + 1, guide.indexOf('\n', example + 1)));
            assertEquals(fieldNames(json.readTree(get(route).body())), fieldNames(documented), route);
        }
        var served = PrometheusText.samples(get("/metrics").body()).keySet().stream()
                .map(sample -> sample.replaceAll("\\{.*", "").replaceAll("_(bucket|count|sum|max)$", ""))
                .collect(Collectors.toSet());
        var table = section(guide, "## `GET /metrics`");
        var listed = Pattern.compile("`(chat_[a-z_]+)").matcher(table).results().map(match -> match.group(1))
                .collect(Collectors.toSet());
        assertEquals(served.stream().filter(name -> name.startsWith("chat_")).collect(Collectors.toSet()), listed);
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String section(String guide, String heading) {
        int start = guide.indexOf(heading);
        return guide.substring(start, guide.indexOf("\n## ", start + 1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return AppRequests.get(app, path);
    }
}
