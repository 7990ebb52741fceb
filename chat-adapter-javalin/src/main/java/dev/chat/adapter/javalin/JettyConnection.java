package dev.chat.adapter.javalin;

import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * hub's bounded outbox is the only place messages pile up. Per recipient this allocates nothing. Pings and pongs are
 * not written by the threads that want them: they are left here and the hub's writer is asked for a write, which puts
 * them ahead of the batch, so one thread writes the socket. Closes go through the same {@link SocketWriter}, which
 * hands them over only between writes, so nothing is ever written in the middle of a frame.
 *
 * <p>The server's own close frame is written here too, not by Jetty's session: Jetty closes the socket the moment it
 * has sent a close frame with any code but 1000 or 1001, and a client that is still sending then gets a TCP reset,
 * which can destroy the close frame before the client has read it, so that it sees 1006 instead of the code chosen
 * for it. Here the socket is half-closed after the close frame, and what the client still sends is read and dropped
 * until its own close frame, its end of stream or {@link #LINGER} ends the connection.
 */
final class JettyConnection implements Connection {

    /** One write's worth: about a hundred chats; a larger batch takes several writes, a larger frame its own. */
    static final int WRITE_BUFFER_BYTES = 16 * 1024;

    /** How long a connection the server closed waits for the client's close frame before it lets go. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final CoreSession session;
    private final SocketWriter socket;
    private final ByteBufferPool buffers;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean pingDue = new AtomicBoolean();
    /** The pong for the latest ping: a pong may answer only the most recent one (RFC 6455, 5.5.3). */
    private final AtomicReference<ByteBuffer> pongDue = new AtomicReference<>();
    private volatile Runnable requestWrite = () -> {};

    JettyConnection(CoreSession session, SocketWriter socket, ByteBufferPool buffers, ScheduledExecutorService timer) {
        this.session = session;
        this.socket = socket;
        this.buffers = buffers;
        this.timer = timer;
    }

    static JettyConnection of(WebSocketCoreSession session, ScheduledExecutorService timer) {
        return new JettyConnection(session, new SocketWriter(session.getConnection().getEndPoint()),
                session.getByteBufferPool(), timer);
    }

    @Override
    public void writtenBy(Runnable requestWrite) {
        this.requestWrite = requestWrite;
        if (pingDue.get() || pongDue.get() != null) {
            requestWrite.run();
        }
    }

    @Override
    public void send(List<EncodedMessage> messages) throws IOException {
        var pooled = buffers.acquire(WRITE_BUFFER_BYTES, true);
        try {
            var frames = pooled.getByteBuffer().clear();
            putControlFramesDue(frames);
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
        pingDue.set(true);
        requestWrite.run();
    }

    /** The payload is copied before this returns: Jetty reuses the ping's buffer. */
    void pong(ByteBuffer pingPayload) {
        pongDue.set(TextFrames.pong(pingPayload));
        requestWrite.run();
    }

    /**
     * Control frames are at most 127 bytes each, so both fit an empty write buffer. Every write of the broadcast path
     * comes here, and almost none has a control frame due: a plain read first spares them the atomic swaps.
     */
    private void putControlFramesDue(ByteBuffer frames) {
        if (pongDue.get() != null) {
            frames.put(pongDue.getAndSet(null));
        }
        if (pingDue.get() && pingDue.getAndSet(false)) {
            frames.put(TextFrames.ping());
        }
    }

    @Override
    public void close(CloseReason reason) {
        close(reason.code(), reason.description());
    }

    /** Sends the close frame once what is being written has been written; only the first close counts. */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            socket.closeWith(TextFrames.close(code, reason), this::abortAfterLinger);
        }
    }

    /** Once the server stops, its timer is gone, and so is the reason to linger. */
    private void abortAfterLinger() {
        try {
            timer.schedule(session::abort, LINGER.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            session.abort();
        }
    }

    /** Whether the server has closed the connection: what the client still sends is to be dropped. */
    boolean isClosing() {
        return closing.get();
    }

    /**
     * The client's close frame: Jetty answers it once nothing of ours is in flight; or, if this was the answer to the
     * server's close, the connection ends here, with nothing left unread that would turn into a reset.
     */
    void closedByClient(Callback answerClose) {
        if (closing.get()) {
            session.abort();
            answerClose.failed(new ClosedChannelException());
        } else {
            socket.handOver(answerClose::succeeded);
        }
    }

    private void flush(ByteBuffer frames) throws IOException {
        frames.flip();
        if (frames.hasRemaining()) {
            socket.write(frames);
        }
        frames.clear();
    }
}
