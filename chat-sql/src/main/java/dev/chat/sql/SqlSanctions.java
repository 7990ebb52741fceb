package dev.chat.sql;

import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bans and mutes in the history's database: {@code sanctions (user_id, kind, until_millis, reason, at_millis)} keyed
 * by the first two. Few, and rarely changed: each change is written at once, in the caller's thread, which the hub
 * never lets be its loop. A failure is thrown, and the hub tells the caller that nothing changed.
 */
public final class SqlSanctions implements Sanctions {

    /** Standard SQL that SQLite and PostgreSQL both take. */
    private static final String IMPOSE = "INSERT INTO sanctions (user_id, kind, until_millis, reason, at_millis)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET until_millis = excluded.until_millis,"
            + " reason = excluded.reason, at_millis = excluded.at_millis";

    private final DataSource source;

    SqlSanctions(DataSource source) {
        this.source = source;
    }

    @Override
    public List<Sanction> all() {
        try (var connection = source.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT user_id, kind, until_millis, reason, at_millis FROM sanctions");
                var rows = statement.executeQuery()) {
            var all = new ArrayList<Sanction>();
            while (rows.next()) {
                all.add(sanction(rows));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the bans and mutes: " + e.getMessage(), e);
        }
    }

    @Override
    public void impose(Sanction sanction) {
        try (var connection = source.getConnection(); var statement = connection.prepareStatement(IMPOSE)) {
            statement.setString(1, sanction.userId());
            statement.setString(2, sanction.kind().wireName());
            if (sanction.until().isPresent()) {
                statement.setLong(3, sanction.until().get().toEpochMilli());
            } else {
                statement.setNull(3, Types.BIGINT);
            }
            statement.setString(4, sanction.reason());
            statement.setLong(5, sanction.at().toEpochMilli());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep a " + sanction.kind().wireName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void lift(String userId, Sanction.Kind kind) {
        try (var connection = source.getConnection();
                var statement = connection.prepareStatement("DELETE FROM sanctions WHERE user_id = ? AND kind = ?")) {
            statement.setString(1, userId);
            statement.setString(2, kind.wireName());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lift a " + kind.wireName() + ": " + e.getMessage(), e);
        }
    }

    private static Sanction sanction(ResultSet row) throws SQLException {
        long until = row.getLong("until_millis");
        var end = row.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(until));
        return new Sanction(row.getString("user_id"),
                Sanction.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), end, row.getString("reason"),
                Instant.ofEpochMilli(row.getLong("at_millis")));
    }
}
