package dev.chat.sql;

import dev.chat.domain.port.needed.ReadMarks;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * How far each user has read each room, in the history's database ({@code read_marks (user_id, room, last_read)}
 * keyed by the first two). The hub's loop never waits for the disk: a mark that rises is held in memory and written
 * with the others that rose meanwhile, on a thread of its own, in one transaction. Marks read are cached, since this
 * node alone writes them. Safe from any thread.
 */
public final class SqlReadMarks implements ReadMarks, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqlReadMarks.class.getName());
    /** Standard SQL that SQLite and PostgreSQL both take: a mark only rises. */
    private static final String RAISE = "INSERT INTO read_marks (user_id, room, last_read) VALUES (?, ?, ?)"
            + " ON CONFLICT (user_id, room) DO UPDATE SET last_read = excluded.last_read"
            + " WHERE excluded.last_read > read_marks.last_read";
    private static final long FLUSH_EVERY_MILLIS = 100;

    private record Key(String userId, String room) {}

    private final DataSource source;
    private final Map<Key, Long> known;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    /** Marks risen since the last write; guarded by the lock. */
    private Map<Key, Long> unwritten = new HashMap<>();
    /** Marks being written now, until they are committed; guarded by the lock. */
    private Map<Key, Long> writing = Map.of();
    private final Thread writer;
    private volatile boolean closing;

    SqlReadMarks(DataSource source, int cached) {
        this.source = source;
        this.known = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > cached;
            }
        });
        this.writer = Thread.ofPlatform().name("chat-read-marks").daemon().start(this::writeUntilClosed);
    }

    @Override
    public boolean markRead(String userId, String room, long id) {
        var key = new Key(userId, room);
        if (id <= lastRead(key)) {
            return false;
        }
        known.put(key, id);
        lock.lock();
        try {
            unwritten.merge(key, id, Math::max);
            raised.signal();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * From the disk, with what this node raised and has not committed yet, taken first: a mark committed meanwhile
     * is then among those read from the disk.
     */
    @Override
    public Map<String, Long> byUser(String userId) {
        var rooms = new TreeMap<String, Long>();
        lock.lock();
        try {
            for (var pending : List.of(writing, unwritten)) {
                pending.forEach((key, id) -> {
                    if (key.userId().equals(userId)) {
                        rooms.merge(key.room(), id, Math::max);
                    }
                });
            }
        } finally {
            lock.unlock();
        }
        try (var connection = source.getConnection();
                var query = connection.prepareStatement("SELECT room, last_read FROM read_marks WHERE user_id = ?")) {
            query.setString(1, userId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    rooms.merge(rows.getString(1), rows.getLong(2), Math::max);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the read marks could not be read: " + e.getMessage(), e);
        }
        return rooms;
    }

    /** Writes what has risen, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            raised.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long lastRead(Key key) {
        var cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        long onDisk = fromDisk(key);
        known.merge(key, onDisk, Math::max);
        return known.getOrDefault(key, onDisk);
    }

    /** 0 while the disk cannot be read: the user sees the room as unread, which is safe. */
    private long fromDisk(Key key) {
        try (var connection = source.getConnection(); var query = connection.prepareStatement(
                "SELECT last_read FROM read_marks WHERE user_id = ? AND room = ?")) {
            query.setString(1, key.userId());
            query.setString(2, key.room());
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "a read mark could not be read: " + e.getMessage());
            return 0;
        }
    }

    private void writeUntilClosed() {
        boolean last = false;
        while (!last) {
            last = closing;
            var batch = takeUnwritten();
            if (!batch.isEmpty() && !write(batch)) {
                giveBack(batch);
            }
            written();
        }
    }

    private Map<Key, Long> takeUnwritten() {
        lock.lock();
        try {
            if (unwritten.isEmpty() && !closing) {
                raised.await(FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            }
            writing = unwritten;
            unwritten = new HashMap<>();
            return writing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
            return Map.of();
        } finally {
            lock.unlock();
        }
    }

    private boolean write(Map<Key, Long> batch) {
        try (var connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(RAISE)) {
                for (var mark : batch.entrySet()) {
                    statement.setString(1, mark.getKey().userId());
                    statement.setString(2, mark.getKey().room());
                    statement.setLong(3, mark.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, batch.size() + " read marks could not be written; trying again: " + e.getMessage());
            return false;
        }
    }

    private void written() {
        lock.lock();
        try {
            writing = Map.of();
        } finally {
            lock.unlock();
        }
    }

    /** For the next write; at close there is none, and the warning above is all that is left of them. */
    private void giveBack(Map<Key, Long> batch) {
        if (closing) {
            return;
        }
        lock.lock();
        try {
            batch.forEach((key, id) -> unwritten.merge(key, id, Math::max));
        } finally {
            lock.unlock();
        }
        try {
            Thread.sleep(FLUSH_EVERY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }
}
