package dev.chat.app.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver with the JDK alone: it takes a request only if its signature is the chat server's and its
 * timestamp recent, and hands on each event once, however often it is sent.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final byte[] secret;
    private final Clock clock;
    private final Consumer<String> onEvent;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param onEvent gets each event's JSON, once */
    public WebhookReceiver(int port, String secret, Clock clock, Consumer<String> onEvent) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.onEvent = onEvent;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/chat-events", this::receive);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var timestamp = exchange.getRequestHeaders().getFirst("X-Chat-Timestamp");
            var signature = exchange.getRequestHeaders().getFirst("X-Chat-Signature");
            if (timestamp == null || signature == null || !recent(timestamp) || !signed(timestamp, body, signature)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            for (var event : json.get("events")) {
                if (seen.add(event.get("id").asText())) {
                    onEvent.accept(event.toString());
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean recent(String timestamp) {
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
            return Math.abs(age) <= TOLERANCE.toSeconds();
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** Compared in constant time, so that a forger learns nothing from how long a refusal takes. */
    private boolean signed(String timestamp, byte[] body, String signature) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            var expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
