package dev.chat.hub;

import dev.chat.domain.CloseReason;
import dev.chat.domain.Connection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One client's bounded queue of encoded messages and the writer thread that drains it into the connection.
 *
 * <p>Only the event loop offers, so offering never waits: a full outbox refuses the message and the loop counts
 * it as dropped for this client alone. Only the writer takes. It hands everything waiting to the connection in one
 * {@link Connection#send} call, so a busy client gets many frames per network write. Nothing else buffers: while
 * a send is in progress, new messages wait here, within the bound.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** Makes the outbox for a member; {@code onBroken} runs on the writer thread when the connection fails. */
    @FunctionalInterface
    interface Factory {
        Outbox create(Runnable onBroken);
    }

    private final Connection connection;
    private final int capacity;
    private final Runnable onBroken;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    private volatile boolean writerParked;
    private volatile boolean finishing;
    private volatile boolean discarding;

    Outbox(Connection connection, int capacity, ThreadFactory threads, Runnable onBroken) {
        this.connection = connection;
        this.capacity = capacity;
        this.onBroken = onBroken;
        this.writer = threads.newThread(this::drain);
    }

    /** Starts the writer. Called once, by the loop, when the member is admitted. */
    void start() {
        writer.start();
    }

    /** Queues a message unless the outbox is full. Called by the loop only, so it never waits. */
    boolean offer(String text) {
        if (queued.get() >= capacity) {
            return false;
        }
        queued.incrementAndGet();
        queue.offer(text);
        if (writerParked) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    /** Writes what is queued, then closes the connection. The writer ends after that. */
    void finish() {
        finishing = true;
        LockSupport.unpark(writer);
    }

    /** Forgets what is queued and stops the writer, even mid-send. For connections that are already gone. */
    void discard() {
        discarding = true;
        writer.interrupt();
    }

    /** Waits for the writer to end; true if it did within the timeout. */
    boolean awaitWriter(Duration timeout) throws InterruptedException {
        return !writer.isAlive() || writer.join(timeout);
    }

    /** Stops a writer that would not finish in time, and closes its connection without waiting. */
    void abort(CloseReason reason) {
        discard();
        connection.close(reason);
    }

    private void drain() {
        var batch = new ArrayList<String>();
        try {
            while (!discarding) {
                if (takeInto(batch)) {
                    connection.send(batch);
                    batch.clear();
                } else if (finishing) {
                    connection.close(CloseReason.GOING_AWAY);
                    return;
                } else {
                    parkUntilOffered();
                }
            }
        } catch (IOException e) {
            giveUp(Level.DEBUG, e);
        } catch (RuntimeException e) {
            giveUp(Level.ERROR, e);
        }
    }

    private void giveUp(Level level, Exception cause) {
        if (!discarding) {
            LOG.log(level, "could not write to a client; disconnecting it", cause);
            connection.close(CloseReason.SEND_FAILED);
            onBroken.run();
        }
    }

    private boolean takeInto(List<String> batch) {
        for (var text = queue.poll(); text != null; text = queue.poll()) {
            batch.add(text);
        }
        queued.addAndGet(-batch.size());
        return !batch.isEmpty();
    }

    /** Parks unless something arrived in the meantime: the loop unparks after offering if it sees the flag. */
    private void parkUntilOffered() {
        writerParked = true;
        if (queue.isEmpty() && !finishing && !discarding) {
            LockSupport.park(this);
        }
        writerParked = false;
    }
}
