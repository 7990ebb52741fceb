package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory connection that records what it is sent; it can also be made to stall or to fail. Like a socket: a
 * close lets a stalled send finish (the client read it after all), and every send after a close fails.
 */
final class RecordingConnection implements Connection {

    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger sendCalls = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch sendEntered = new CountDownLatch(1);
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private volatile boolean failing;
    private volatile CloseReason closeReason;
    private volatile int receivedBeforeClose = -1;
    private volatile Runnable requestWrite;

    /**
     * Every send from now on blocks until {@link #resume()}, like a client that stopped reading;
     * {@link #awaitSendEntered()} then waits for the next send.
     */
    RecordingConnection stalled() {
        sendEntered = new CountDownLatch(1);
        stall = new CountDownLatch(1);
        return this;
    }

    /** Every send from now on fails, like a connection that broke. */
    RecordingConnection failing() {
        failing = true;
        return this;
    }

    void resume() {
        stall.countDown();
    }

    @Override
    public void send(List<EncodedMessage> messages) throws IOException {
        if (closeReason != null) {
            throw new IOException("closed");
        }
        // Entered only once past the check: a send a test saw enter is one the close lets finish, however late this
        // thread runs on.
        sendEntered.countDown();
        try {
            stall.await();
        } catch (InterruptedException e) {
            throw new InterruptedIOException("send interrupted");
        }
        if (failing) {
            throw new IOException("connection reset");
        }
        sendCalls.incrementAndGet();
        messages.forEach(message -> received.add(message.text()));
    }

    @Override
    public void writtenBy(Runnable requestWrite) {
        this.requestWrite = requestWrite;
    }

    /** Asks the writer for a write, as a transport with a ping to send does. */
    void requestWrite() {
        requestWrite.run();
    }

    @Override
    public void close(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
            receivedBeforeClose = received.size();
        }
        closed.countDown();
        stall.countDown();
    }

    String next() throws InterruptedException {
        var text = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(text, "nothing arrived within " + WAIT_SECONDS + " s");
        return text;
    }

    List<String> next(int count) throws InterruptedException {
        var texts = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            texts.add(next());
        }
        return texts;
    }

    /** What has arrived so far and not yet been taken by {@link #next()}. */
    List<String> drained() {
        var texts = new ArrayList<String>();
        received.drainTo(texts);
        return texts;
    }

    int sendCalls() {
        return sendCalls.get();
    }

    void awaitSendEntered() throws InterruptedException {
        assertTrue(sendEntered.await(WAIT_SECONDS, TimeUnit.SECONDS), "send was never called");
    }

    CloseReason awaitClosed() throws InterruptedException {
        assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS), "connection was not closed");
        return closeReason;
    }

    int receivedBeforeClose() {
        return receivedBeforeClose;
    }
}
