package dev.chat.adapter.javalin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * The one way onto an open WebSocket's socket, so that no two writes ever overlap and no frame is split by
 * another. The client's writer thread writes its batches here and waits for each; control frames (pings, pongs)
 * from any thread wait for the write in flight, if any, and go out right after it. A close is handed over to Jetty's
 * session only once nothing of ours is in flight, and from then on nothing more is written here.
 *
 * <p>Threading: every method is safe from any thread; only {@link #write} blocks, and only its caller.
 */
final class SocketWriter {

    private final EndPoint endPoint;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final ArrayDeque<ByteBuffer> controlFrames = new ArrayDeque<>();
    private boolean writing;
    private Runnable handOver;
    private boolean handedOver;

    SocketWriter(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Writes the bytes after any control frame that is waiting, and returns once the socket has taken them. */
    void write(ByteBuffer... data) throws IOException {
        ByteBuffer[] buffers;
        lock.lock();
        try {
            while (writing && handOver == null) {
                quiet.await();
            }
            if (handOver != null) {
                throw new ClosedChannelException();
            }
            writing = true;
            buffers = afterWaitingControlFrames(data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write");
        } finally {
            lock.unlock();
        }
        var written = new CompletableFuture<Void>();
        start(new AfterWrite(written), buffers);
        await(written);
    }

    /** Sends a ping or a pong as soon as no other write is in flight. Never waits. */
    void writeControl(ByteBuffer frame) {
        lock.lock();
        try {
            if (handOver != null) {
                return;
            }
            if (writing) {
                controlFrames.add(frame);
                return;
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        start(new AfterWrite(null), frame);
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
                controlFrames.clear();
                quiet.signalAll();
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
        handOver(() -> {
            try {
                endPoint.write(Callback.from(() -> {
                    endPoint.shutdownOutput();
                    afterwards.run();
                }, failure -> afterwards.run()), closeFrame);
            } catch (RuntimeException e) {
                afterwards.run();
            }
        });
    }

    private ByteBuffer[] afterWaitingControlFrames(ByteBuffer[] data) {
        if (controlFrames.isEmpty()) {
            return data;
        }
        var all = new ByteBuffer[controlFrames.size() + data.length];
        int i = 0;
        while (!controlFrames.isEmpty()) {
            all[i++] = controlFrames.poll();
        }
        System.arraycopy(data, 0, all, i, data.length);
        return all;
    }

    /** A write is done: control frames that waited go next, else a pending hand-over runs, else the way is free. */
    private void writeDone() {
        ByteBuffer[] next = null;
        Runnable closing = null;
        lock.lock();
        try {
            if (!controlFrames.isEmpty()) {
                next = controlFrames.toArray(ByteBuffer[]::new);
                controlFrames.clear();
            } else {
                writing = false;
                if (handOver != null && !handedOver) {
                    handedOver = true;
                    closing = handOver;
                }
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            start(new AfterWrite(null), next);
        } else if (closing != null) {
            closing.run();
        }
    }

    /** A write that cannot even start, say on a socket already closed, fails like one that broke. */
    private void start(AfterWrite afterWrite, ByteBuffer... buffers) {
        try {
            endPoint.write(afterWrite, buffers);
        } catch (RuntimeException e) {
            afterWrite.failed(e);
        }
    }

    private static void await(CompletableFuture<Void> written) throws IOException {
        try {
            written.get();
        } catch (ExecutionException e) {
            throw new IOException("could not write to the socket", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the socket");
        }
    }

    /** Frees the way when Jetty is done with a write, then tells the waiting writer, if there is one. */
    private final class AfterWrite implements Callback {

        private final CompletableFuture<Void> written;

        AfterWrite(CompletableFuture<Void> written) {
            this.written = written;
        }

        @Override
        public void succeeded() {
            writeDone();
            if (written != null) {
                written.complete(null);
            }
        }

        @Override
        public void failed(Throwable cause) {
            writeDone();
            if (written != null) {
                written.completeExceptionally(cause);
            }
        }

        /** It only takes a lock for a moment, so Jetty may run it on whichever thread finished the write. */
        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
