package dev.chat.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Deletes what {@link Retention} no longer keeps (and the reactions of the chats it deletes), a chunk at a time, on the writer's connection and thread, so that
 * a sweep never holds the database for long and never races a batch.
 */
final class RetentionSweep {

    static final int CHUNK = 10_000;
    private static final String NEWEST_OF_ROOM = "(SELECT MAX(newest.id) FROM messages newest WHERE newest.room = m.room)";
    private static final String TOO_OLD = "DELETE FROM messages WHERE (room, id) IN (SELECT room, id FROM messages m"
            + " WHERE at_millis < ? AND id < " + NEWEST_OF_ROOM + " LIMIT " + CHUNK + ")";
    private static final String TOO_MANY = "DELETE FROM messages WHERE (room, id) IN (SELECT room, id FROM messages m"
            + " WHERE id <= " + NEWEST_OF_ROOM + " - ? LIMIT " + CHUNK + ")";

    private static final String ORPHAN_REACTIONS = "DELETE FROM reactions WHERE (room, target, emoji, user_id) IN"
            + " (SELECT r.room, r.target, r.emoji, r.user_id FROM reactions r WHERE NOT EXISTS"
            + " (SELECT 1 FROM messages m WHERE m.room = r.room AND m.id = r.target) LIMIT " + CHUNK + ")";

    private final Retention retention;

    RetentionSweep(Retention retention) {
        this.retention = retention;
    }

    /**
     * One chunk of each rule, in the caller's transaction; the rows deleted, {@link #CHUNK} or more meaning there may
     * be more to do.
     */
    int sweep(Connection connection, Instant now) throws SQLException {
        int deleted = 0;
        if (!retention.maxAge().isZero()) {
            deleted += delete(connection, TOO_OLD, now.minus(retention.maxAge()).toEpochMilli());
        }
        if (retention.perRoom() > 0) {
            deleted += delete(connection, TOO_MANY, retention.perRoom());
        }
        if (deleted > 0) {
            try (var statement = connection.prepareStatement(ORPHAN_REACTIONS)) {
                deleted += statement.executeUpdate();
            }
        }
        return deleted;
    }

    private static int delete(Connection connection, String sql, long bound) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, bound);
            return statement.executeUpdate();
        }
    }
}
