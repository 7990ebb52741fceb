package dev.chat.sql;

import dev.chat.domain.Changes;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What happens to a chat after it was posted, in SQL: an edit rewrites its content, a deletion erases it and every
 * edit of it and drops its reactions, a reaction is a row of its own. Each is written in the transaction that keeps
 * the amending message, and each may be applied twice to the same effect.
 */
final class ChatChanges {

    private static final String EDIT = "UPDATE messages SET content = ?, edited_at_millis = ?, revision = ?"
            + " WHERE room = ? AND id = ? AND type = 'chat' AND deleted = 0";
    private static final String DELETE = "UPDATE messages SET content = '', deleted = 1, revision = ?"
            + " WHERE room = ? AND id = ? AND type = 'chat' AND deleted = 0";
    private static final String REVISE = "UPDATE messages SET revision = ?"
            + " WHERE room = ? AND id = ? AND type = 'chat' AND deleted = 0";
    private static final String ERASE_EDITS = "UPDATE messages SET content = '' WHERE room = ? AND target = ? AND type = 'edit'";
    private static final String DROP_REACTIONS = "DELETE FROM reactions WHERE room = ? AND target = ?";
    private static final String REACT = "INSERT INTO reactions (room, target, emoji, user_id) SELECT ?, ?, ?, ?"
            + " WHERE EXISTS (SELECT 1 FROM messages WHERE room = ? AND id = ? AND type = 'chat' AND deleted = 0)"
            + " ON CONFLICT DO NOTHING";
    private static final String UNREACT = "DELETE FROM reactions WHERE room = ? AND target = ? AND emoji = ? AND user_id = ?";
    private static final String REACTIONS = "SELECT target, emoji, user_id FROM reactions"
            + " WHERE room = ? AND target BETWEEN ? AND ?";

    private ChatChanges() {}

    /** Applies each amendment of the batch in order, after the batch's messages are inserted. */
    static void apply(Connection connection, List<RoomMessage> batch) throws SQLException {
        for (var published : batch) {
            if (published.message().type().amends()) {
                apply(connection, published.room(), published.id(), published.message());
            }
        }
    }

    private static void apply(Connection connection, String room, long id, Message amendment) throws SQLException {
        long target = amendment.target();
        switch (amendment.type()) {
            case EDIT -> update(connection, EDIT, amendment.content(), amendment.timestamp().toEpochMilli(), id, room,
                    target);
            case DELETE -> {
                if (update(connection, DELETE, id, room, target) > 0) {
                    update(connection, ERASE_EDITS, room, target);
                    update(connection, DROP_REACTIONS, room, target);
                }
            }
            case REACT -> {
                update(connection, REACT, room, target, amendment.content(), amendment.userId(), room, target);
                update(connection, REVISE, id, room, target);
            }
            case UNREACT -> {
                update(connection, UNREACT, room, target, amendment.content(), amendment.userId());
                update(connection, REVISE, id, room, target);
            }
            case CHAT, SYSTEM, JOIN, LEAVE, DIRECT -> throw new IllegalArgumentException(amendment.type() + " amends nothing");
        }
    }

    /** @return the rows it changed */
    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** A message as its row holds it, with the changes the row itself records. */
    record Row(RoomMessage message, Instant editedAt, boolean deleted, long revision) {}

    /**
     * The messages of the rows as they are now: the rows already hold each chat's content, edit time and deletion;
     * reactions are read here, one query per room among them.
     */
    static List<RoomMessage> asTheyAreNow(Connection connection, List<Row> rows) throws SQLException {
        var reactions = rows.isEmpty() ? Map.<String, Map<String, Set<String>>>of() : reactions(connection, rows);
        var now = new ArrayList<RoomMessage>(rows.size());
        for (var row : rows) {
            var message = row.message();
            var ofIt = reactions.getOrDefault(message.room() + '\0' + message.id(), Map.of());
            now.add(row.revision() > 0 ? new RoomMessage(message.room(), message.id(), message.message(),
                    Changes.of(row.editedAt(), row.deleted(), ofIt, row.revision())) : message);
        }
        return now;
    }

    private static Map<String, Map<String, Set<String>>> reactions(Connection connection, List<Row> rows)
            throws SQLException {
        var ranges = new HashMap<String, long[]>();
        for (var row : rows) {
            var message = row.message();
            ranges.merge(message.room(), new long[] {message.id(), message.id()},
                    (range, one) -> new long[] {Math.min(range[0], one[0]), Math.max(range[1], one[1])});
        }
        var found = new HashMap<String, Map<String, Set<String>>>();
        try (var statement = connection.prepareStatement(REACTIONS)) {
            for (var range : ranges.entrySet()) {
                read(statement, range.getKey(), range.getValue(), found);
            }
        }
        return found;
    }

    private static void read(PreparedStatement statement, String room, long[] range,
            Map<String, Map<String, Set<String>>> found) throws SQLException {
        statement.setString(1, room);
        statement.setLong(2, range[0]);
        statement.setLong(3, range[1]);
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                found.computeIfAbsent(room + '\0' + rows.getLong(1), key -> new HashMap<>())
                        .computeIfAbsent(rows.getString(2), emoji -> new TreeSet<>()).add(rows.getString(3));
            }
        }
    }
}
