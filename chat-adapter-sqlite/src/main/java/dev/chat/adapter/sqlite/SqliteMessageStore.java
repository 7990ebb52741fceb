package dev.chat.adapter.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.sql.Retention;
import dev.chat.sql.SqlDialect;
import dev.chat.sql.SqlMessageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;

/**
 * Every room's history in one SQLite file, through the xerial JDBC driver and a small HikariCP pool, kept by the
 * shared {@link SqlMessageStore}. The database runs in WAL mode with {@code synchronous=NORMAL}: a committed batch
 * survives the process being killed; a power cut may lose the last batches.
 */
public final class SqliteMessageStore {

    /** The database's file in the folder it is opened in. */
    public static final String FILE = "chat.db";

    static final SqlDialect DIALECT = new SqlDialect(
            "INSERT OR IGNORE INTO messages (room, id, type, user_id, username, content, at_millis, target)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('closed_cleanly', ?)");

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS messages (
            room TEXT NOT NULL,
            id INTEGER NOT NULL,
            type TEXT NOT NULL,
            user_id TEXT NOT NULL,
            username TEXT NOT NULL,
            content TEXT NOT NULL,
            at_millis INTEGER NOT NULL,
            PRIMARY KEY (room, id)
        ) WITHOUT ROWID""",
        "CREATE INDEX IF NOT EXISTS messages_by_user ON messages (user_id, type, at_millis, room, id)",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS reactions (
            room TEXT NOT NULL,
            target INTEGER NOT NULL,
            emoji TEXT NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (room, target, emoji, user_id)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS read_marks (
            user_id TEXT NOT NULL,
            room TEXT NOT NULL,
            last_read INTEGER NOT NULL,
            PRIMARY KEY (user_id, room)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS sanctions (
            user_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            until_millis INTEGER,
            reason TEXT NOT NULL,
            at_millis INTEGER NOT NULL,
            PRIMARY KEY (user_id, kind)
        ) WITHOUT ROWID"""
    };

    /** Columns added since the first schema, for a database made before them: name, then definition. */
    private static final String[][] ADDED_COLUMNS = {
        {"target", "INTEGER NOT NULL DEFAULT 0"},
        {"edited_at_millis", "INTEGER"},
        {"deleted", "INTEGER NOT NULL DEFAULT 0"},
        {"revision", "INTEGER NOT NULL DEFAULT 0"}
    };

    /** One writer and a few readers: SQLite lets readers read while one connection writes. */
    private static final int CONNECTIONS = 4;

    private SqliteMessageStore() {}

    /** Opens the database in {@code folder}, creating both if need be, keeping everything. */
    public static SqlMessageStore open(Path folder, int queueCapacity) throws SQLException {
        return open(folder, queueCapacity, Telemetry.NONE, Retention.FOREVER);
    }

    /**
     * Opens the database in {@code folder}, creating both if need be.
     *
     * @param queueCapacity messages that may wait for the disk; past it an append is counted as failed, never waited
     *                      for
     */
    public static SqlMessageStore open(Path folder, int queueCapacity, Telemetry telemetry, Retention retention)
            throws SQLException {
        return open(folder, queueCapacity, telemetry, retention, SqlMessageStore.LAST_IDS_KEPT);
    }

    static SqlMessageStore open(Path folder, int queueCapacity, Telemetry telemetry, Retention retention,
            int lastIdsKept) throws SQLException {
        var pool = pool(folder);
        try {
            try (var connection = pool.getConnection(); var setup = connection.createStatement()) {
                setup.execute("PRAGMA journal_mode=WAL");
                for (var statement : SCHEMA) {
                    setup.execute(statement);
                }
                addMissingColumns(setup);
                setup.execute("CREATE INDEX IF NOT EXISTS messages_shown ON messages (room, id) WHERE target = 0");
            }
            return SqlMessageStore.open(pool, DIALECT, pool, queueCapacity, telemetry, retention, lastIdsKept);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void addMissingColumns(Statement setup) throws SQLException {
        var present = new HashSet<String>();
        try (var columns = setup.executeQuery("PRAGMA table_info(messages)")) {
            while (columns.next()) {
                present.add(columns.getString("name"));
            }
        }
        for (var column : ADDED_COLUMNS) {
            if (!present.contains(column[0])) {
                setup.execute("ALTER TABLE messages ADD COLUMN " + column[0] + " " + column[1]);
            }
        }
    }

    private static HikariDataSource pool(Path folder) throws SQLException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SQLException("cannot create the data directory " + folder + ": " + e.getMessage(), e);
        }
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + folder.resolve(FILE));
        config.setConnectionInitSql("PRAGMA synchronous=NORMAL");
        config.addDataSourceProperty("busy_timeout", "5000");
        // The text of a deleted chat is overwritten in the file, not only unlinked from the table.
        config.addDataSourceProperty("secure_delete", "true");
        config.setMaximumPoolSize(CONNECTIONS);
        config.setPoolName("chat-sqlite");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SQLException("cannot open " + folder.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
