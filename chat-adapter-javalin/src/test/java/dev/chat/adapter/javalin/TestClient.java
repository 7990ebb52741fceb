package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket client (the JDK's) that keeps what it receives for a test to inspect. Public, and shipped in
 * this module's test jar, because the application's tests drive the packaged server with it too.
 */
public final class TestClient implements WebSocket.Listener, AutoCloseable {

    public static final long WAIT_SECONDS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Closed(int code, String reason) {}

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static TestClient connect(int port, String query) {
        return connect(port, query, Map.of());
    }

    /** Connects with these extra request headers, {@code Authorization} for example. */
    public static TestClient connect(int port, String query, Map<String, String> headers) {
        return connect(HTTP, URI.create("ws://127.0.0.1:" + port + "/ws?" + query), headers);
    }

    /** Connects to any WebSocket URL, {@code wss://} too, with a client of the caller's. */
    public static TestClient connect(HttpClient http, URI url, Map<String, String> headers) {
        var client = new TestClient();
        var builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.socket = builder
                .buildAsync(url, client)
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .join();
        return client;
    }

    /**
     * Connects and reads everything up to its own join (who is there, the room's history), so that whatever comes
     * next is news. For rooms within the presence limit, where every join is announced.
     */
    public static TestClient joined(int port, String userId, String username) throws InterruptedException {
        var client = connect(port, "userId=" + userId + "&username=" + username);
        client.nextJoinOf(userId);
        return client;
    }

    /** Connects and reads the presence message that confirms it entered its room. */
    public static TestClient entered(int port, String query) throws InterruptedException {
        var client = connect(port, query);
        client.nextOfType("presence");
        return client;
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Sends one text message as several frames, one per piece. */
    public void sendInFragments(String... pieces) {
        for (int i = 0; i < pieces.length; i++) {
            socket.sendText(pieces[i], i == pieces.length - 1).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    /** Pings the server and returns the payload of the pong that answers it. */
    public String ping(String payload) throws InterruptedException {
        socket.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        var pong = pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(pong, "no pong within " + WAIT_SECONDS + " s");
        return pong;
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public String nextText() throws InterruptedException {
        var text = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(text, "no message within " + WAIT_SECONDS + " s");
        return text;
    }

    public JsonNode next() throws InterruptedException {
        try {
            return JSON.readTree(nextText());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    /** Skips join and leave notices about other clients until a message of this type arrives. */
    public JsonNode nextOfType(String type) throws InterruptedException {
        while (true) {
            var message = next();
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
    }

    /** Skips everything until the join of this user. */
    public JsonNode nextJoinOf(String userId) throws InterruptedException {
        while (true) {
            var join = nextOfType("join");
            if (join.path("userId").asText().equals(userId)) {
                return join;
            }
        }
    }

    public Closed awaitClose() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** The next text already received, or null if there is none now. */
    public String pollText() {
        return received.poll();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public int pingsReceived() {
        return pings.get();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(StandardCharsets.UTF_8.decode(message).toString());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(1006, String.valueOf(error)));
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            awaitClose();
        }
    }
}
