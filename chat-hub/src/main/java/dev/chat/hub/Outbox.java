package dev.chat.hub;

import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One client's bounded queue of encoded messages and the writer thread that drains it into the connection.
 *
 * <p>The queue has one producer, the event loop, and one consumer, the writer, so it needs no locks. It is bounded by
 * bytes: what was offered and not yet written may not pass {@code limitBytes}. Offering never waits: a message that
 * would pass the bound is refused, and the loop then closes this client as too slow, so a client never silently
 * misses a message. Messages from a room's history, sent on request when a client enters a room, do not count:
 * the history it asked for is bounded by the room's history already.
 *
 * <p>The writer is the only thread that writes the connection: when the transport asks for a write of its own (a
 * ping, a pong; {@link Connection#writtenBy}), the writer calls {@link Connection#send} even with nothing queued.
 *
 * <p>The writer hands everything waiting to the connection in one {@link Connection#send} call. Once messages queue up
 * faster than it writes, it writes at most once per write interval, so a busy client gets many frames per network
 * write; but it stops waiting as soon as half the bound is used, so the interval is never why a client falls behind.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());
    /** Past this many messages a batch's list is let go rather than kept for the next write. */
    private static final int BATCH_KEPT = 256;

    /** Makes the outbox for a member; {@code onBroken} runs on the writer thread when the connection fails. */
    @FunctionalInterface
    interface Factory {
        Outbox create(Runnable onBroken);
    }

    private final Connection connection;
    private final long limitBytes;
    private final long writeIntervalNanos;
    private final Runnable onBroken;
    private final Thread writer;
    private final MessageQueue queue = new MessageQueue();
    /** Bytes offered and not yet written: the loop adds, the writer subtracts once a write is done. */
    private final AtomicLong unwrittenBytes = new AtomicLong();
    /** Set by the loop when it first refuses a message; from then on it refuses everything. */
    private boolean overflowed;
    /** Set by the transport, from any thread, when it has frames of its own to write; cleared by the writer. */
    private volatile boolean writeRequested;
    private volatile boolean writerParked;
    private volatile boolean writerLingering;
    private volatile boolean finishing;
    private volatile CloseReason finishedWith = CloseReason.GOING_AWAY;
    private volatile boolean discarding;

    Outbox(Connection connection, long limitBytes, Duration writeInterval, ThreadFactory threads, Runnable onBroken) {
        this.connection = connection;
        this.limitBytes = limitBytes;
        this.writeIntervalNanos = writeInterval.toNanos();
        this.onBroken = onBroken;
        this.writer = threads.newThread(this::drain);
        connection.writtenBy(this::requestWrite);
    }

    /** Starts the writer. Called once, by the loop, when the member is admitted. */
    void start() {
        writer.start();
    }

    /**
     * Queues a message unless that would pass the bound. Called by the loop only, so it never waits.
     *
     * @return false if the message was refused; so is every later one
     */
    boolean offer(EncodedMessage message) {
        if (overflowed || unwrittenBytes.get() + message.size() > limitBytes) {
            overflowed = true;
            return false;
        }
        unwrittenBytes.addAndGet(message.size());
        queue.add(message, message.size());
        wakeWriter();
        return true;
    }

    /** Queues a message of a room's history that this client asked for; it does not count against the bound. */
    void offerHistory(EncodedMessage message) {
        if (!overflowed) {
            queue.add(message, 0);
            wakeWriter();
        }
    }

    private void requestWrite() {
        writeRequested = true;
        if (writerParked) {
            LockSupport.unpark(writer);
        }
    }

    private void wakeWriter() {
        if (writerParked || writerLingering && isHalfFull()) {
            LockSupport.unpark(writer);
        }
    }

    private boolean isHalfFull() {
        return unwrittenBytes.get() > limitBytes / 2;
    }

    /** Writes what is queued, then closes the connection with this reason. The writer ends after that. */
    void finish(CloseReason reason) {
        finishedWith = reason;
        finishing = true;
        LockSupport.unpark(writer);
    }

    /**
     * Forgets what is queued; the writer ends once the send in progress, if any, returns. Not an interrupt: a thread
     * interrupted inside a socket write closes the socket, and the close frame the client is owed with it.
     */
    void discard() {
        discarding = true;
        LockSupport.unpark(writer);
    }

    /** Waits for the writer to end; true if it did within the timeout. */
    boolean awaitWriter(Duration timeout) throws InterruptedException {
        return !writer.isAlive() || writer.join(timeout);
    }

    /** Gives up on a writer that would not finish in time: closes its connection, which ends the send it is in. */
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
                if (!queue.isEmpty() || writeRequested) {
                    if (busy) {
                        lingerAfter(lastWrite);
                    }
                    if (writeRequested) { // read first: a volatile store on every write would cost a fence each
                        writeRequested = false;
                    }
                    long counted = queue.takeAll(batch);
                    busy = batch.size() > 1;
                    connection.send(batch);
                    unwrittenBytes.addAndGet(-counted);
                    lastWrite = System.nanoTime();
                    batch = batch.size() > BATCH_KEPT ? new ArrayList<>() : batch;
                    batch.clear();
                } else if (finishing) {
                    connection.close(finishedWith);
                    return;
                } else {
                    parkUntilOffered();
                }
            }
        } catch (IOException e) {
            // A client that went away is an ordinary event: one line, not a stack trace.
            giveUp(() -> LOG.log(Level.DEBUG, () -> "could not write to a client (" + e + "); disconnecting it"));
        } catch (RuntimeException e) {
            giveUp(() -> LOG.log(Level.ERROR, "could not write to a client; disconnecting it", e));
        }
    }

    private void giveUp(Runnable report) {
        if (!discarding) {
            report.run();
            connection.close(CloseReason.SEND_FAILED);
            onBroken.run();
        }
    }

    /**
     * Lets messages gather until a write interval has passed since the last write. Only for a busy client, one
     * whose last write carried more than one message: waiting because the last write was recent would hand a delay
     * on from each message to the next, since one late write makes the next one's interval end late too. A wait
     * shorter than a quarter of the interval is not worth a timer. The loop wakes a lingering writer once half the
     * bound is used.
     */
    private void lingerAfter(long lastWrite) {
        long deadline = lastWrite + writeIntervalNanos;
        if (deadline - System.nanoTime() < writeIntervalNanos / 4) {
            return;
        }
        writerLingering = true;
        for (long left = deadline - System.nanoTime(); left > 0 && !finishing && !discarding && !isHalfFull();
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
        writerLingering = false;
    }

    /**
     * Parks unless something arrived in the meantime: the loop, or the transport asking for a write, unparks after
     * setting what it set if it sees the flag.
     */
    private void parkUntilOffered() {
        writerParked = true;
        if (queue.isEmpty() && !writeRequested && !finishing && !discarding) {
            LockSupport.park(this);
        }
        writerParked = false;
    }
}
