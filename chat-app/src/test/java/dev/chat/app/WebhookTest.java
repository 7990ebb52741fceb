package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.app.example.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed webhooks from a running server to the receiver the guide shows, which was not even listening when the first
 * events happened: every event arrives afterwards, once, in order, and a forged or replayed request is refused.
 */
class WebhookTest {

    private static final String SECRET = "a-webhook-secret-for-the-app-tests-01";
    private static final String KEY = "a-key-for-the-webhook-tests-000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestApps apps = new TestApps();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    @Test
    void a_receiver_that_comes_up_late_gets_every_event_once_in_order_and_signed() throws Exception {
        int port = AppRequests.freePort();
        var app = apps.start(Map.of("WEBHOOK_URL", "http://127.0.0.1:" + port + "/chat-events", "WEBHOOK_SECRET", SECRET,
                "API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"first\"}");
        var first = alice.nextOfType("chat").get("id").asText();
        alice.send("{\"type\":\"edit\",\"room\":\"dev\",\"id\":\"" + first + "\",\"content\":\"first!\"}");
        alice.nextOfType("edit");

        var receiver = new WebhookReceiver(port, SECRET, Clock.systemUTC(), event -> events.add(read(event)));
        apps.closedAfter(receiver);
        AppRequests.send(app, "DELETE", "/api/rooms/dev/messages/" + first, null, "X-API-Key", KEY);
        AppRequests.send(app, "PUT", "/api/users/mallory/ban", "{\"reason\":\"spam\"}", "X-API-Key", KEY);
        alice.close();

        assertEquals(List.of("connect", "join", "message", "edit", "delete", "ban", "leave", "disconnect"), types(8));
        assertTrue(events.isEmpty(), "each once");
    }

    @Test
    void the_receiver_refuses_a_forged_signature_and_a_replayed_old_request() throws Exception {
        var receiver = new WebhookReceiver(0, SECRET, Clock.systemUTC(), event -> events.add(read(event)));
        apps.closedAfter(receiver);
        var body = "{\"events\":[{\"id\":\"x\",\"type\":\"ban\"}]}";
        long now = Instant.now().getEpochSecond();

        assertEquals(401, post(receiver, body, now, "v1=" + "0".repeat(64)));
        assertEquals(401, post(receiver, body, now - 3600, signature(now - 3600, body)));
        assertEquals(204, post(receiver, body, now, signature(now, body)));
        assertEquals(204, post(receiver, body, now, signature(now, body)));
        assertEquals("x", events.take().get("id").asText());
        assertTrue(events.isEmpty(), "a repeat is taken, and handed on once");
    }

    private List<String> types(int count) throws InterruptedException {
        var types = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var event = events.poll(30, TimeUnit.SECONDS);
            assertTrue(event != null, "only " + types);
            types.add(event.get("type").asText());
        }
        return types;
    }

    private static int post(WebhookReceiver receiver, String body, long timestamp, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/chat-events"))
                .header("X-Chat-Timestamp", Long.toString(timestamp)).header("X-Chat-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String signature(long timestamp, String body) throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes());
        return "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    }

    private static JsonNode read(String event) {
        try {
            return JSON.readTree(event);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
