package dev.chat.hub;

import dev.chat.domain.CloseReason;
import dev.chat.domain.Connection;
import dev.chat.domain.EncodedMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One client's bounded queue of encoded messages and the writer thread that drains it into the connection.
 *
 * <p>The queue is a ring with one producer, the event loop, and one consumer, the writer, so it needs neither
 * locks nor allocation. Offering never waits: a full outbox refuses the message and the loop counts it as
 * dropped for this client alone. The writer hands everything waiting to the connection in one
 * {@link Connection#send} call; once messages queue up faster than it writes, at most once per write interval, so
 * a busy client gets many frames per network write. Nothing else buffers: while a send is in progress, new
 * messages wait here, within the bound.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** Makes the outbox for a member; {@code onBroken} runs on the writer thread when the connection fails. */
    @FunctionalInterface
    interface Factory {
        Outbox create(Runnable onBroken);
    }

    private final Connection connection;
    private final EncodedMessage[] ring;
    private final long writeIntervalNanos;
    private final Runnable onBroken;
    private final Thread writer;
    /** Sequence number of the next message the loop will put in; written by the loop only. */
    private final AtomicLong tail = new AtomicLong();
    /** Sequence number of the next message the writer will take; written by the writer only. */
    private final AtomicLong head = new AtomicLong();
    private volatile boolean writerParked;
    private volatile boolean finishing;
    private volatile boolean discarding;

    Outbox(Connection connection, int capacity, Duration writeInterval, ThreadFactory threads, Runnable onBroken) {
        this.connection = connection;
        this.ring = new EncodedMessage[capacity];
        this.writeIntervalNanos = writeInterval.toNanos();
        this.onBroken = onBroken;
        this.writer = threads.newThread(this::drain);
    }

    /** Starts the writer. Called once, by the loop, when the member is admitted. */
    void start() {
        writer.start();
    }

    /** Queues a message unless the outbox is full. Called by the loop only, so it never waits. */
    boolean offer(EncodedMessage message) {
        long next = tail.get();
        if (next - head.get() >= ring.length) {
            return false;
        }
        ring[slot(next)] = message;
        tail.set(next + 1);
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
        var batch = new ArrayList<EncodedMessage>();
        boolean busy = false;
        long lastWrite = 0;
        try {
            while (!discarding) {
                if (!isEmpty()) {
                    if (busy) {
                        lingerAfter(lastWrite);
                    }
                    takeInto(batch);
                    busy = batch.size() > 1;
                    connection.send(batch);
                    batch.clear();
                    lastWrite = System.nanoTime();
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

    private boolean isEmpty() {
        return head.get() == tail.get();
    }

    private void takeInto(List<EncodedMessage> batch) {
        long first = head.get();
        long end = tail.get();
        for (long next = first; next < end; next++) {
            int slot = slot(next);
            batch.add(ring[slot]);
            ring[slot] = null;
        }
        head.set(end);
    }

    private int slot(long sequence) {
        return (int) (sequence % ring.length);
    }

    /**
     * Lets messages gather until a write interval has passed since the last write. Only for a busy client, one
     * whose last write carried more than one message: waiting because the last write was recent would hand a delay
     * on from each message to the next, since one late write makes the next one's interval end late too. A wait
     * shorter than a quarter of the interval is not worth a timer. The loop does not wake a lingering writer.
     */
    private void lingerAfter(long lastWrite) {
        long deadline = lastWrite + writeIntervalNanos;
        if (deadline - System.nanoTime() < writeIntervalNanos / 4) {
            return;
        }
        for (long left = deadline - System.nanoTime(); left > 0 && !finishing && !discarding;
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** Parks unless something arrived in the meantime: the loop unparks after offering if it sees the flag. */
    private void parkUntilOffered() {
        writerParked = true;
        if (isEmpty() && !finishing && !discarding) {
            LockSupport.park(this);
        }
        writerParked = false;
    }
}
