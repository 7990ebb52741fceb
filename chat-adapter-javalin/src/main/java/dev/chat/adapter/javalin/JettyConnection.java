package dev.chat.adapter.javalin;

import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Writes a client's messages straight to its socket, below Jetty's per-frame machinery. Each message's frame is its
 * two- or four-byte header and the message's UTF-8 bytes, which every recipient shares; a batch's frames are copied
 * one after the other into one pooled buffer and written in one socket write, and the caller waits for it, so the
 * hub's bounded outbox is the only place messages pile up. Per recipient this allocates nothing. Pings, pongs and
 * closes go through the same {@link SocketWriter}, so nothing is ever written in the middle of a frame.
 */
final class JettyConnection implements Connection {

    /** One write's worth: about a hundred chats; a larger batch takes several writes, a larger frame its own. */
    static final int WRITE_BUFFER_BYTES = 16 * 1024;

    private final CoreSession session;
    private final SocketWriter socket;
    private final ByteBufferPool buffers;

    JettyConnection(CoreSession session, SocketWriter socket, ByteBufferPool buffers) {
        this.session = session;
        this.socket = socket;
        this.buffers = buffers;
    }

    static JettyConnection of(WebSocketCoreSession session) {
        return new JettyConnection(session, new SocketWriter(session.getConnection().getEndPoint()),
                session.getByteBufferPool());
    }

    @Override
    public void send(List<EncodedMessage> messages) throws IOException {
        var pooled = buffers.acquire(WRITE_BUFFER_BYTES, true);
        try {
            var frames = pooled.getByteBuffer().clear();
            for (var message : messages) {
                int length = TextFrames.length(message);
                if (length > frames.remaining()) {
                    flush(frames);
                }
                if (length > frames.capacity()) {
                    socket.write(TextFrames.header(message), message.bytes());
                } else {
                    TextFrames.put(message, frames);
                }
            }
            flush(frames);
        } finally {
            pooled.release();
        }
    }

    void ping() {
        socket.writeControl(TextFrames.ping());
    }

    void pong(ByteBuffer pingPayload) {
        socket.writeControl(TextFrames.pong(pingPayload));
    }

    @Override
    public void close(CloseReason reason) {
        close(reason.code(), reason.description());
    }

    /** Closes once what is being written has been written; Jetty's session then sends the close frame. */
    void close(int code, String reason) {
        socket.handOver(() -> session.close(code, reason, Callback.NOOP));
    }

    /** Lets Jetty answer the client's close frame once nothing of ours is in flight. */
    void closedByClient(Callback answerClose) {
        socket.handOver(answerClose::succeeded);
    }

    private void flush(ByteBuffer frames) throws IOException {
        frames.flip();
        if (frames.hasRemaining()) {
            socket.write(frames);
        }
        frames.clear();
    }
}
