package dev.chat.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands what the JDK's WebSocket reports to the client's own thread, each text whole, in the order it came: the
 * opening first, so that a connection is in place before its first frame.
 */
final class SocketListener implements WebSocket.Listener {

    /** What the client does when the connection ends, with the code and reason it ended with. */
    @FunctionalInterface
    interface Closed {
        void closed(WebSocket socket, int code, String reason);
    }

    private final Executor thread;
    private final Consumer<WebSocket> opened;
    private final BiConsumer<WebSocket, String> received;
    private final Closed closed;
    private final StringBuilder text = new StringBuilder();

    SocketListener(Executor thread, Consumer<WebSocket> opened, BiConsumer<WebSocket, String> received,
            Closed closed) {
        this.thread = thread;
        this.opened = opened;
        this.received = received;
        this.closed = closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        thread.execute(() -> opened.accept(webSocket));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            var whole = text.toString();
            text.setLength(0);
            thread.execute(() -> received.accept(webSocket, whole));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        thread.execute(() -> closed.closed(webSocket, statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        thread.execute(() -> closed.closed(webSocket, 1006, String.valueOf(error.getMessage())));
    }
}
