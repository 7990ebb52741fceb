package dev.chat.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection of the burst scenario, on the JDK's WebSocket client: a burst needs a handful of connections, and
 * what matters is what each one sees. It keeps the id of every room message in the order they arrived, counts the
 * chats it received and the posters' last ones, gives a poster back a permit to send for each of its echoes, and notes how the server closed it.
 */
final class BurstClient implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String userId;
    private final List<Long> ids = new ArrayList<>();
    /** Permits to send: one is taken per chat sent and given back by its echo. */
    private final Semaphore unechoed;
    private final AtomicInteger chats = new AtomicInteger();
    private final AtomicInteger lastChats = new AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final String lastContent;
    private WebSocket socket;

    private BurstClient(String userId, String lastContent, int window) {
        this.userId = userId;
        this.lastContent = lastContent;
        this.unechoed = new Semaphore(window);
    }

    /**
     * Connects with {@code userId} as both id and name. The last chat a poster sends has {@code lastContent}; a poster
     * never has more than {@code window} of its own chats unechoed.
     */
    static BurstClient connect(URI url, String room, String userId, String lastContent, int window,
            Duration timeout) {
        var client = new BurstClient(userId, lastContent, window);
        var uri = URI.create(url + "?userId=" + userId + "&username=" + userId + "&room=" + room);
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, client)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    /** Sends a chat once fewer than the window of this client's own are unechoed; false if none came back in time. */
    boolean post(String content, Duration timeout) throws InterruptedException {
        if (!unechoed.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        socket.sendText("{\"type\":\"chat\",\"content\":\"" + content + "\"}", true).join();
        return true;
    }

    int chats() {
        return chats.get();
    }

    /** How many posters' last chats this client has received. */
    int lastChats() {
        return lastChats.get();
    }

    String name() {
        return userId;
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    /** The code the server closed this client with; 0 while it is open. */
    int closeCode() {
        return closeCode.getNow(0);
    }

    synchronized List<Long> ids() {
        return List.copyOf(ids);
    }

    void close() {
        if (!isClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(failed -> null).join();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException notJson) {
            return;
        }
        if (message.has("id")) {
            synchronized (this) {
                ids.add(message.get("id").asLong());
            }
        }
        if (message.path("type").asText().equals("chat")) {
            chats.incrementAndGet();
            if (message.path("userId").asText().equals(userId)) {
                unechoed.release();
            }
            if (message.path("content").asText().equals(lastContent)) {
                lastChats.incrementAndGet();
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }
}
