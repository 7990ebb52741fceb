package dev.chat.adapter.sqlite;

import dev.chat.domain.Message;
import dev.chat.domain.MessageIds;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.MessageType;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.StorageState;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every room's history in one SQLite file, through the xerial JDBC driver. The hub's loop never waits for the disk:
 * {@link #append} hands the message to a {@link BatchWriter}, which commits whatever has gathered in one
 * transaction. A read first waits until every message appended before it is committed, so the store reads as if it
 * wrote at once; reads are the rare path, since the hub serves recent history from memory.
 *
 * <p>The database runs in WAL mode with {@code synchronous=NORMAL}: a committed batch survives the process being
 * killed; a power cut may lose the last batches. Safe from any thread.
 *
 * <p>Ids never repeat across a crash. The hub numbers a message before the disk has it, so a process killed with
 * messages still queued had shown clients ids the disk never got; a later message must not take one of them. A
 * store that was not closed cleanly therefore numbers every room on from {@link #CRASH_GAP} past its last id on
 * disk, more than could have been queued, and a client resuming across the gap is told it did not recover all.
 */
public final class SqliteMessageStore implements MessageStore, AutoCloseable {

    /** The database's file in the folder it is opened in. */
    public static final String FILE = "chat.db";

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
                room TEXT NOT NULL,
                id INTEGER NOT NULL,
                type TEXT NOT NULL,
                user_id TEXT NOT NULL,
                username TEXT NOT NULL,
                content TEXT NOT NULL,
                at_millis INTEGER NOT NULL,
                PRIMARY KEY (room, id)
            ) WITHOUT ROWID""";
    private static final String BY_USER_INDEX = "CREATE INDEX IF NOT EXISTS messages_by_user"
            + " ON messages (user_id, type, at_millis, room, id)";
    private static final String COLUMNS = "room, id, type, user_id, username, content, at_millis";
    private static final String META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
    /** About 10 MB of room names and ids at most. */
    static final int LAST_IDS_KEPT = 100_000;
    private static final String CLEAN = "INSERT OR REPLACE INTO meta (key, value) VALUES ('closed_cleanly', ?)";

    private final Connection reader;
    private final ReentrantLock reading = new ReentrantLock();
    private final BatchWriter writer;
    /** The rooms in use, not every room ever seen: one that falls out is read from the disk again. */
    private final Map<String, Long> lastIds;
    /** 0 after a clean close; after a crash, how far past its last id on disk each room numbers on. */
    private final long gap;
    private final long openedAtMillis = System.currentTimeMillis();

    private SqliteMessageStore(Connection reader, BatchWriter writer, long gap, int lastIdsKept) {
        this.reader = reader;
        this.writer = writer;
        this.gap = gap;
        this.lastIds = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > lastIdsKept;
            }
        });
    }

    /** More ids than the queue and the batch in flight could have held when the process died. */
    public static long crashGap(int queueCapacity) {
        return queueCapacity + (long) BatchWriter.MAX_BATCH;
    }

    /**
     * Opens the database in {@code folder}, creating both if need be.
     *
     * @param queueCapacity messages that may wait for the disk; past it an append is counted as failed, never waited
     *                      for
     */
    public static SqliteMessageStore open(Path folder, int queueCapacity) throws SQLException {
        return open(folder, queueCapacity, Telemetry.NONE, Retention.FOREVER);
    }

    /**
     * As {@link #open(Path, int)}, reporting how long each batch took to commit, and deleting in the background what
     * the retention no longer keeps.
     */
    public static SqliteMessageStore open(Path folder, int queueCapacity, Telemetry telemetry, Retention retention)
            throws SQLException {
        return open(folder, queueCapacity, telemetry, retention, LAST_IDS_KEPT);
    }

    static SqliteMessageStore open(Path folder, int queueCapacity, Telemetry telemetry, Retention retention,
            int lastIdsKept) throws SQLException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SQLException("cannot create the data directory " + folder + ": " + e.getMessage(), e);
        }
        var url = "jdbc:sqlite:" + folder.resolve(FILE);
        var writing = DriverManager.getConnection(url);
        boolean crashed;
        try (var setup = writing.createStatement()) {
            setup.execute("PRAGMA journal_mode=WAL");
            setup.execute("PRAGMA synchronous=NORMAL");
            setup.execute(SCHEMA);
            setup.execute(BY_USER_INDEX);
            setup.execute(META);
            crashed = crashedLastTime(writing);
            markClosedCleanly(writing, false);
        }
        var reading = DriverManager.getConnection(url);
        return new SqliteMessageStore(reading, BatchWriter.start(writing, queueCapacity, telemetry, retention),
                crashed ? crashGap(queueCapacity) : 0, lastIdsKept);
    }

    /** Whether a database with messages in it was left without being closed. */
    private static boolean crashedLastTime(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var marker = statement.executeQuery("SELECT value FROM meta WHERE key = 'closed_cleanly'")) {
            if (marker.next()) {
                return !"yes".equals(marker.getString(1));
            }
        }
        try (var statement = connection.createStatement();
                var any = statement.executeQuery("SELECT 1 FROM messages LIMIT 1")) {
            return any.next();
        }
    }

    private static void markClosedCleanly(Connection connection, boolean clean) throws SQLException {
        try (var statement = connection.prepareStatement(CLEAN)) {
            statement.setString(1, clean ? "yes" : "no");
            statement.executeUpdate();
        }
    }

    @Override
    public void append(RoomMessage message) {
        lastIds.merge(message.room(), message.id(), Math::max);
        writer.add(message);
    }

    /**
     * From the disk once per room, then from memory. While the disk cannot be read the room numbers on from the
     * clock's {@link MessageIds#origin}, above any id it can have given, so that chat goes on.
     */
    @Override
    public long lastId(String room) {
        return lastIds.computeIfAbsent(room, this::numberFrom);
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        return before(room, Long.MAX_VALUE, limit);
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        return query("SELECT " + COLUMNS + " FROM messages WHERE room = ? AND id > ? ORDER BY id LIMIT ?",
                room, afterId, limit);
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        return query("SELECT " + COLUMNS + " FROM messages WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?",
                room, beforeId, limit).reversed();
    }

    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return read("SELECT " + COLUMNS + " FROM messages WHERE user_id = ? AND type = 'chat'"
                + " AND (at_millis, room, id) < (?, ?, ?) ORDER BY at_millis DESC, room DESC, id DESC LIMIT ?",
                statement -> {
                    statement.setString(1, userId);
                    statement.setLong(2, before.atMillis());
                    statement.setString(3, before.room());
                    statement.setLong(4, before.id());
                    statement.setInt(5, limit);
                    return messages(statement);
                }).reversed();
    }

    /** Whether the last batch reached the disk; false while writes are failing. */
    public boolean available() {
        return writer.available();
    }

    @Override
    public StorageState state() {
        return available() ? StorageState.OK : StorageState.UNAVAILABLE;
    }

    /** How many rooms' last ids are held in memory now. */
    int roomsRemembered() {
        return lastIds.size();
    }

    /** Messages waiting for the disk now. */
    public int queued() {
        return writer.queued();
    }

    /** Messages that could not be kept: the queue was full, or the disk refused them through every retry. */
    public long failedWrites() {
        return writer.failed();
    }

    /** Writes what is queued, marks the database closed cleanly, then closes it. */
    @Override
    public void close() throws SQLException {
        writer.close();
        markClosedCleanly(reader, true);
        reader.close();
    }

    /**
     * The last id on disk, once everything queued is committed; past the crash gap if the room has written nothing
     * since the store was opened, since only such a room can have lost ids that clients saw.
     */
    private long numberFrom(String room) {
        try {
            return read("SELECT MAX(id), MAX(at_millis) FROM messages WHERE room = ?", statement -> {
                statement.setString(1, room);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    long last = rows.getLong(1);
                    boolean writtenSinceOpening = !rows.wasNull() && rows.getLong(2) >= openedAtMillis;
                    return writtenSinceOpening ? last : last + gap;
                }
            });
        } catch (IllegalStateException unreadable) {
            return MessageIds.origin(Instant.now());
        }
    }

    private List<RoomMessage> query(String sql, String room, long id, int limit) {
        return read(sql, statement -> {
            statement.setString(1, room);
            statement.setLong(2, id);
            statement.setInt(3, limit);
            return messages(statement);
        });
    }

    private static List<RoomMessage> messages(PreparedStatement statement) throws SQLException {
        try (var rows = statement.executeQuery()) {
            var messages = new ArrayList<RoomMessage>();
            while (rows.next()) {
                messages.add(message(rows));
            }
            return messages;
        }
    }

    /** One statement on the reading connection, once every message appended before it is committed. */
    private <T> T read(String sql, Read<T> read) {
        writer.awaitCommitted();
        reading.lock();
        try (var statement = reader.prepareStatement(sql)) {
            return read.from(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("the history database could not be read: " + e.getMessage(), e);
        } finally {
            reading.unlock();
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(PreparedStatement statement) throws SQLException;
    }

    private static RoomMessage message(ResultSet row) throws SQLException {
        return new RoomMessage(row.getString(1), row.getLong(2), new Message(
                MessageType.valueOf(row.getString(3).toUpperCase(Locale.ROOT)), row.getString(4), row.getString(5),
                row.getString(6), Instant.ofEpochMilli(row.getLong(7))));
    }
}
