package dev.chat.sql;

import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.Telemetry;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes messages in batches on a thread of its own, one transaction per batch: whatever arrived while the last
 * batch was being written goes in the next, so a quiet room's message is on disk within one commit and a busy
 * server's are grouped. A batch the database refuses is retried a few times, then counted as failed; an outage is
 * logged once when it starts and once when it ends, not once per message.
 */
final class BatchWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchWriter.class.getName());
    static final int MAX_BATCH = 1000;
    private static final int ATTEMPTS = 3;

    private final DataSource source;
    private final String insert;
    private final Telemetry telemetry;
    private final Retention retention;
    private final RetentionSweep sweep;
    private final ArrayBlockingQueue<RoomMessage> queue;
    private final Thread thread;
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** Messages taken out of the queue and either committed or given up on; guarded by the lock. */
    private long settled;
    private volatile boolean available = true;
    private volatile boolean closing;

    private long nextSweep;

    private BatchWriter(DataSource source, String insert, int capacity, Telemetry telemetry, Retention retention) {
        this.source = source;
        this.insert = insert;
        this.telemetry = telemetry;
        this.retention = retention;
        this.sweep = new RetentionSweep(retention);
        this.nextSweep = System.nanoTime();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("chat-store-writer").daemon().unstarted(this::run);
    }

    /** @param insert the dialect's statement that keeps one message: its eight columns, in the order of the table */
    static BatchWriter start(DataSource source, String insert, int capacity, Telemetry telemetry,
            Retention retention) {
        var writer = new BatchWriter(source, insert, capacity, telemetry, retention);
        writer.thread.start();
        return writer;
    }

    /** Queues the message without waiting; a full queue counts it as failed. */
    void add(RoomMessage message) {
        if (queue.offer(message)) {
            added.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    /** Waits until everything queued before this call is committed or given up on. */
    void awaitCommitted() {
        long target = added.get();
        lock.lock();
        try {
            while (settled < target && thread.isAlive()) {
                progressed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    boolean available() {
        return available;
    }

    long failed() {
        return failed.get();
    }

    int queued() {
        return queue.size();
    }

    /** Writes what is queued, then stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        var batch = new ArrayList<RoomMessage>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                sweepIfDue();
                var first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                settle(batch.size());
                batch.clear();
            }
        }
    }

    /** A sweep that found a full chunk goes on at the next turn; one that did not waits for the interval. */
    private void sweepIfDue() {
        if (retention.keepsEverything() || System.nanoTime() - nextSweep < 0) {
            return;
        }
        try {
            int deleted = inTransaction(connection -> sweep.sweep(connection, Instant.now()));
            nextSweep = deleted >= RetentionSweep.CHUNK ? System.nanoTime()
                    : System.nanoTime() + retention.every().toNanos();
        } catch (SQLException e) {
            nextSweep = System.nanoTime() + retention.every().toNanos();
            LOG.log(Level.WARNING, "old history could not be deleted; trying again in " + retention.every() + ": "
                    + e.getMessage());
        }
    }

    private void write(List<RoomMessage> batch) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                long started = System.nanoTime();
                inTransaction(connection -> insert(connection, batch));
                telemetry.stored(batch.size(), System.nanoTime() - started);
                if (!available) {
                    available = true;
                    LOG.log(Level.INFO, "the history database is writable again");
                }
                return;
            } catch (SQLException e) {
                if (available) {
                    available = false;
                    LOG.log(Level.ERROR, "the history database refused a batch; retrying: " + e.getMessage());
                }
                Thread.sleep(100L * attempt);
            }
        }
        failed.addAndGet(batch.size());
    }

    private int insert(Connection connection, List<RoomMessage> batch) throws SQLException {
        try (var statement = connection.prepareStatement(insert)) {
            for (var published : batch) {
                var message = published.message();
                statement.setString(1, published.room());
                statement.setLong(2, published.id());
                statement.setString(3, message.type().name().toLowerCase(Locale.ROOT));
                statement.setString(4, message.userId());
                statement.setString(5, message.username());
                statement.setString(6, message.content());
                statement.setLong(7, message.timestamp().toEpochMilli());
                statement.setLong(8, message.target());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        ChatChanges.apply(connection, batch);
        return batch.size();
    }

    /**
     * One transaction on a connection borrowed for it, so that a connection the database dropped (a restarted
     * server) is replaced by the pool rather than failing every batch after it.
     */
    private int inTransaction(Work work) throws SQLException {
        try (var connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int done = work.on(connection);
                connection.commit();
                return done;
            } catch (SQLException e) {
                rollBack(connection);
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        int on(Connection connection) throws SQLException;
    }

    private static void rollBack(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the next attempt starts a new transaction on a connection from the pool either way
        }
    }

    private void settle(int count) {
        lock.lock();
        try {
            settled += count;
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
