package dev.chat.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.sql.Retention;
import dev.chat.sql.SqlDialect;
import dev.chat.sql.SqlMessageStore;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Every room's history in PostgreSQL, kept by the shared {@link SqlMessageStore}: a HikariCP pool, whose connections
 * a restarted server replaces by themselves, and the schema brought up to date by Flyway's migrations
 * ({@code db/migration}) at every start.
 */
public final class PostgresMessageStore {

    static final SqlDialect DIALECT = new SqlDialect(
            "INSERT INTO messages (room, id, type, user_id, username, content, at_millis, target)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, id) DO NOTHING",
            "INSERT INTO meta (key, value) VALUES ('closed_cleanly', ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");

    /** The writer and a few readers; history reads are rare, since the hub serves recent history from memory. */
    private static final int CONNECTIONS = 4;

    private PostgresMessageStore() {}

    /**
     * Connects, migrates the schema, and opens the store.
     *
     * @param url           a JDBC URL, such as {@code jdbc:postgresql://db:5432/chat}
     * @param queueCapacity messages that may wait for the database; past it an append is counted as failed, never
     *                      waited for
     * @throws SQLException if the database cannot be reached or migrated, saying why
     */
    public static SqlMessageStore open(String url, String user, String password, int queueCapacity,
            Telemetry telemetry, Retention retention) throws SQLException {
        var pool = pool(url, user, password);
        try {
            Flyway.configure().dataSource(pool).load().migrate();
            return SqlMessageStore.open(pool, DIALECT, pool, queueCapacity, telemetry, retention);
        } catch (FlywayException e) {
            pool.close();
            throw new SQLException("cannot migrate the schema: " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, String password) throws SQLException {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(CONNECTIONS);
        config.setConnectionTimeout(5_000);
        config.setPoolName("chat-postgres");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SQLException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }
}
