package dev.chat.adapter.javalin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The one way onto an open WebSocket's socket. Frames are written by one thread, the client's writer, one write at a
 * time, each waited for; a close may come from any thread, and is handed over to whoever closes (our close frame,
 * Jetty's answer to the client's) once no write is in flight; from then on nothing more is written here. So no two
 * writes ever overlap and no frame is split by another.
 *
 * <p>Threading: {@link #write} from the writer thread only; the rest from any thread.
 */
final class SocketWriter {

    private final EndPoint endPoint;
    /** One callback, reused by every write: there is only ever one write in flight. */
    private final Blocker.Shared written = new Blocker.Shared();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean writing;
    private Runnable handOver;
    private boolean handedOver;

    SocketWriter(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Writes the bytes and returns once the socket has taken them. */
    void write(ByteBuffer... data) throws IOException {
        lock.lock();
        try {
            if (handOver != null) {
                throw new ClosedChannelException();
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        try (var callback = written.callback()) {
            start(callback, data);
            callback.block();
        } finally {
            writeDone();
        }
    }

    /**
     * Runs {@code closing} once no write is in flight, at once if none is; nothing is written here after it. A later
     * hand-over runs after the first: when the server closed first, the client's answering close frame still needs
     * Jetty's callback completed, or the session never ends.
     */
    void handOver(Runnable closing) {
        lock.lock();
        try {
            if (handOver != null && !handedOver) {
                var first = handOver;
                handOver = () -> {
                    first.run();
                    closing.run();
                };
                return;
            }
            if (handOver == null) {
                handOver = closing;
                if (writing) {
                    return;
                }
                handedOver = true;
            }
        } finally {
            lock.unlock();
        }
        closing.run();
    }

    /**
     * Writes a close frame once no write is in flight, then half-closes the socket; nothing is written here after
     * it. {@code afterwards} runs once the frame is out, or could not be written.
     */
    void closeWith(ByteBuffer closeFrame, Runnable afterwards) {
        handOver(() -> start(Callback.from(() -> {
            endPoint.shutdownOutput();
            afterwards.run();
        }, failure -> afterwards.run()), closeFrame));
    }

    /** A write is done: a hand-over that waited for it runs now, on this thread. */
    private void writeDone() {
        Runnable closing = null;
        lock.lock();
        try {
            writing = false;
            if (handOver != null && !handedOver) {
                handedOver = true;
                closing = handOver;
            }
        } finally {
            lock.unlock();
        }
        if (closing != null) {
            closing.run();
        }
    }

    /** A write that cannot even start, say on a socket already closed, fails like one that broke. */
    private void start(Callback callback, ByteBuffer... buffers) {
        try {
            endPoint.write(callback, buffers);
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }
}
