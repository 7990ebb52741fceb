package dev.chat.sql;

import dev.chat.domain.Availability;
import dev.chat.domain.Message;
import dev.chat.domain.MessageIds;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.MessageType;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import java.sql.Connection;
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
import javax.sql.DataSource;

/**
 * Every room's history in a SQL database, through a {@link DataSource} the adapter for that database provides, with
 * its schema already in place. The hub's loop never waits for the disk: {@link #append} hands the message to a
 * {@link BatchWriter}, which commits whatever has gathered in one transaction. A read first waits until every message
 * appended before it is committed, so the store reads as if it wrote at once; reads are the rare path, since the hub
 * serves recent history from memory. Safe from any thread.
 *
 * <p>Ids never repeat across a crash. The hub numbers a message before the disk has it, so a process killed with
 * messages still queued had shown clients ids the disk never got; a later message must not take one of them. A
 * store that was not closed cleanly therefore numbers every room on from {@link #crashGap} past its last id on
 * disk, more than could have been queued, and a client resuming across the gap is told it did not recover all.
 *
 * <p>The schema it needs: {@code messages (room, id, type, user_id, username, content, at_millis, target,
 * edited_at_millis, deleted, revision)} keyed by {@code (room, id)}, an index on {@code (user_id, type, at_millis, room, id)},
 * {@code reactions (room, target, emoji, user_id)} keyed by all four, {@code read_marks (user_id, room, last_read)}
 * keyed by the first two ({@link SqlReadMarks}), {@code sanctions (user_id, kind, until_millis, reason, at_millis)}
 * keyed by the first two ({@link SqlSanctions}), and {@code meta (key, value)}; a partial index on {@code (room, id)}
 * where {@code target = 0} serves the pages people read, which leave out the changes to chats.
 */
public final class SqlMessageStore implements MessageStore, AutoCloseable {

    private static final String COLUMNS = "room, id, type, user_id, username, content, at_millis, target,"
            + " edited_at_millis, deleted, revision";
    /** About 10 MB of room names and ids at most. */
    public static final int LAST_IDS_KEPT = 100_000;

    private final DataSource source;
    private final SqlDialect dialect;
    private final AutoCloseable closesWithIt;
    private final BatchWriter writer;
    private final SqlReadMarks readMarks;
    /** The rooms in use, not every room ever seen: one that falls out is read from the disk again. */
    private final Map<String, Long> lastIds;
    /** 0 after a clean close; after a crash, how far past its last id on disk each room numbers on. */
    private final long gap;
    private final long openedAtMillis = System.currentTimeMillis();

    private SqlMessageStore(DataSource source, SqlDialect dialect, AutoCloseable closesWithIt, BatchWriter writer,
            long gap, int lastIdsKept) {
        this.source = source;
        this.dialect = dialect;
        this.closesWithIt = closesWithIt;
        this.writer = writer;
        this.readMarks = new SqlReadMarks(source, lastIdsKept);
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
     * Opens the store on a database whose schema is in place, and marks it in use until {@link #close}.
     *
     * @param closesWithIt   what the adapter opened for it, such as its connection pool, closed after the store
     * @param queueCapacity messages that may wait for the disk; past it an append is counted as failed, never waited
     *                      for
     */
    public static SqlMessageStore open(DataSource source, SqlDialect dialect, AutoCloseable closesWithIt,
            int queueCapacity, Telemetry telemetry, Retention retention) throws SQLException {
        return open(source, dialect, closesWithIt, queueCapacity, telemetry, retention, LAST_IDS_KEPT);
    }

    public static SqlMessageStore open(DataSource source, SqlDialect dialect, AutoCloseable closesWithIt, int queueCapacity,
            Telemetry telemetry, Retention retention, int lastIdsKept) throws SQLException {
        boolean crashed;
        try (var connection = source.getConnection()) {
            crashed = crashedLastTime(connection);
            markClosedCleanly(connection, dialect, false);
        }
        return new SqlMessageStore(source, dialect, closesWithIt,
                BatchWriter.start(source, dialect.insertMessage(), queueCapacity, telemetry, retention),
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

    private static void markClosedCleanly(Connection connection, SqlDialect dialect, boolean clean)
            throws SQLException {
        try (var statement = connection.prepareStatement(dialect.markClean())) {
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
        return query("SELECT " + COLUMNS + " FROM messages WHERE room = ? AND target = 0 AND id < ?"
                + " ORDER BY id DESC LIMIT ?", room, beforeId, limit).reversed();
    }

    /** One count on the index of the pages people read, rather than the pages themselves. */
    @Override
    public int unread(String room, String userId, long afterId, int cap) {
        return read("SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE room = ? AND target = 0 AND id > ?"
                + " AND type = 'chat' AND deleted = 0 AND user_id <> ? LIMIT ?) AS unread", statement -> {
                    statement.setString(1, room);
                    statement.setLong(2, afterId);
                    statement.setString(3, userId);
                    statement.setInt(4, cap);
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
    }

    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return messages("SELECT " + COLUMNS + " FROM messages WHERE user_id = ? AND type = 'chat'"
                + " AND (at_millis, room, id) < (?, ?, ?) ORDER BY at_millis DESC, room DESC, id DESC LIMIT ?",
                statement -> {
                    statement.setString(1, userId);
                    statement.setLong(2, before.atMillis());
                    statement.setString(3, before.room());
                    statement.setLong(4, before.id());
                    statement.setInt(5, limit);
                    return statement;
                }).reversed();
    }

    /** How far each user has read each room, kept in the same database. */
    public SqlReadMarks readMarks() {
        return readMarks;
    }

    /** The bans and mutes, kept in the same database. */
    public SqlSanctions sanctions() {
        return new SqlSanctions(source);
    }

    /** Whether the last batch reached the disk; false while writes are failing. */
    public boolean available() {
        return writer.available();
    }

    @Override
    public Availability state() {
        return available() ? Availability.OK : Availability.UNAVAILABLE;
    }

    /** How many rooms' last ids are held in memory now. */
    public int roomsRemembered() {
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

    /** Writes what is queued, marks the database closed cleanly, then closes what the adapter opened for it. */
    @Override
    public void close() throws SQLException {
        writer.close();
        readMarks.close();
        try (var connection = source.getConnection()) {
            markClosedCleanly(connection, dialect, true);
        } finally {
            try {
                closesWithIt.close();
            } catch (Exception e) {
                throw new SQLException("could not close the history database: " + e.getMessage(), e);
            }
        }
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
        return messages(sql, statement -> {
            statement.setString(1, room);
            statement.setLong(2, id);
            statement.setInt(3, limit);
            return statement;
        });
    }

    /** Messages as they are now, read on one connection, once every message appended before is committed. */
    private List<RoomMessage> messages(String sql, Read<PreparedStatement> bind) {
        return read(sql, statement -> {
            var found = new ArrayList<ChatChanges.Row>();
            try (var rows = bind.from(statement).executeQuery()) {
                while (rows.next()) {
                    found.add(row(rows));
                }
            }
            return ChatChanges.asTheyAreNow(statement.getConnection(), found);
        });
    }

    /** One statement on a connection of its own, once every message appended before it is committed. */
    private <T> T read(String sql, Read<T> read) {
        writer.awaitCommitted();
        try (var connection = source.getConnection(); var statement = connection.prepareStatement(sql)) {
            return read.from(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("the history database could not be read: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(PreparedStatement statement) throws SQLException;
    }

    private static ChatChanges.Row row(ResultSet row) throws SQLException {
        var message = new RoomMessage(row.getString(1), row.getLong(2), new Message(
                MessageType.valueOf(row.getString(3).toUpperCase(Locale.ROOT)), row.getString(4), row.getString(5),
                row.getString(6), Instant.ofEpochMilli(row.getLong(7)), row.getLong(8)));
        long editedAt = row.getLong(9);
        var edited = row.wasNull() ? null : Instant.ofEpochMilli(editedAt);
        return new ChatChanges.Row(message, edited, row.getInt(10) != 0, row.getLong(11));
    }
}
