package dev.chat.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageIds;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageStoreTest extends MessageStoreContract {

    /** Before any store in these tests is opened, as the hub's clock stamps what a store gets. */
    private static final Instant AT = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path folder;

    private final List<SqlMessageStore> opened = new ArrayList<>();

    @Override
    protected MessageStore newStore() {
        try {
            return open(Files.createTempDirectory(folder, "contract"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void closeAll() throws SQLException {
        for (var store : opened) {
            store.close();
        }
    }

    @Test
    void a_store_opened_again_on_the_same_folder_has_every_message_and_the_last_ids() throws Exception {
        var first = SqliteMessageStore.open(folder, 10_000);
        LongStream.rangeClosed(1, 500).forEach(id -> first.append(chat("lobby", id)));
        first.append(chat("dev", 1));
        first.close();

        var again = open(folder);

        assertEquals(500, again.lastId("lobby"));
        assertEquals(1, again.lastId("dev"));
        assertEquals(List.of(chat("lobby", 499), chat("lobby", 500)), again.latest("lobby", 2));
        assertEquals(100, again.after("lobby", 200, 100).size());
        assertTrue(again.available());
        assertEquals(0, again.failedWrites());
    }

    @Test
    void after_a_crash_every_room_numbers_on_past_anything_the_dead_process_could_have_handed_out() throws Exception {
        var crashed = open(folder);
        LongStream.rangeClosed(1, 3).forEach(id -> crashed.append(chat("lobby", id)));
        crashed.latest("lobby", 1);

        var restarted = SqliteMessageStore.open(folder, 10_000);

        long gap = SqlMessageStore.crashGap(10_000);
        assertEquals(3 + gap, restarted.lastId("lobby"));
        assertEquals(gap, restarted.lastId("a-room-whose-messages-were-all-lost"));
        assertEquals(3, restarted.latest("lobby", 10).size(), "what was committed is all there");
        restarted.close();
        var afterCleanClose = open(folder);
        assertEquals(3, afterCleanClose.lastId("lobby"), "a clean close needs no gap");
    }

    @Test
    void a_room_that_falls_out_of_memory_is_read_again_and_only_a_room_silent_since_the_crash_skips_the_gap()
            throws Exception {
        var crashed = open(folder);
        LongStream.rangeClosed(1, 3).forEach(id -> crashed.append(chat("lobby", id)));
        crashed.append(chat("quiet", 7));
        crashed.latest("lobby", 1);

        var restarted = SqliteMessageStore.open(folder, 10_000, Telemetry.NONE, Retention.FOREVER, 2);
        opened.add(restarted);
        long gap = SqlMessageStore.crashGap(10_000);
        long next = restarted.lastId("lobby") + 1;
        restarted.append(chat("lobby", next, Instant.now()));
        for (var other : List.of("a", "b", "c")) {
            restarted.lastId(other);
        }

        assertEquals(next, restarted.lastId("lobby"), "read from disk again, it is where it was: no second gap");
        assertEquals(7 + gap, restarted.lastId("quiet"), "silent since the crash, it still skips the gap");
        assertEquals(2, restarted.roomsRemembered(), "a flood of rooms costs memory for the last few only");
    }

    @Test
    void past_its_queue_an_append_is_counted_as_failed_and_never_waited_for() throws Exception {
        var flood = open(folder, 1);

        LongStream.rangeClosed(1, 10_000).forEach(id -> flood.append(chat("lobby", id)));

        assertTrue(flood.failedWrites() > 0, "some of 10 000 appends found a queue of one full");
        assertEquals(10_000, flood.lastId("lobby"), "the ids handed out are still known");
    }

    @Test
    void while_the_database_refuses_writes_the_store_says_so_counts_them_and_recovers() throws Exception {
        var store = open(folder, 10_000);
        store.append(chat("lobby", 1));
        store.latest("lobby", 1);
        try (var outside = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteMessageStore.FILE));
                var sql = outside.createStatement()) {
            sql.execute("ALTER TABLE messages RENAME TO away");

            store.append(chat("lobby", 2));
            awaitThat(() -> store.state() == Availability.UNAVAILABLE, "the store never said the database is unavailable");
            awaitThat(() -> store.failedWrites() == 1, "the refused message was never counted");
            long unreadableSince = MessageIds.origin(Instant.now());
            assertTrue(store.lastId("a-room-first-seen-now") >= unreadableSince,
                    "a room the disk cannot tell about numbers on from the clock, above any id it gave");
            sql.execute("ALTER TABLE away RENAME TO messages");
        }
        store.append(chat("lobby", 3));

        assertEquals(List.of(chat("lobby", 1), chat("lobby", 3)), store.latest("lobby", 10));
        assertEquals(Availability.OK, store.state());
    }

    @Test
    void every_committed_batch_is_reported_with_its_size_and_nothing_is_left_queued_after_a_read() throws Exception {
        var batches = new ConcurrentLinkedQueue<Integer>();
        var reporting = SqliteMessageStore.open(folder, 10_000, new Telemetry() {
            @Override
            public void stored(int messages, long nanos) {
                assertTrue(nanos > 0);
                batches.add(messages);
            }
        }, Retention.FOREVER);
        opened.add(reporting);

        LongStream.rangeClosed(1, 2500).forEach(id -> reporting.append(chat("lobby", id)));
        reporting.latest("lobby", 1);

        assertEquals(2500, batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().allMatch(size -> size <= 1000), "no batch above 1000: " + batches);
        assertEquals(0, reporting.queued());
    }

    @Test
    void past_their_age_messages_are_deleted_in_the_background_but_each_room_keeps_its_newest() throws Exception {
        var now = Instant.now();
        var store = SqliteMessageStore.open(folder, 10_000, Telemetry.NONE,
                new Retention(Duration.ofHours(1), 0, Duration.ofMillis(10)));
        LongStream.rangeClosed(1, 3).forEach(id -> store.append(chat("lobby", id, now.minus(Duration.ofHours(2)))));
        LongStream.rangeClosed(4, 5).forEach(id -> store.append(chat("lobby", id, now)));
        LongStream.rangeClosed(1, 2).forEach(id -> store.append(chat("quiet", id, now.minus(Duration.ofDays(9)))));

        awaitThat(() -> store.latest("lobby", 10).size() == 2 && store.latest("quiet", 10).size() == 1,
                "the old messages were never deleted");
        store.close();

        var reopened = open(folder);
        assertEquals(List.of(4L, 5L), reopened.latest("lobby", 10).stream().map(RoomMessage::id).toList());
        assertEquals(List.of(2L), reopened.latest("quiet", 10).stream().map(RoomMessage::id).toList());
        assertEquals(2, reopened.lastId("quiet"), "ids go on from the newest, kept however old");
    }

    @Test
    void past_its_count_a_room_keeps_only_its_last_ids() throws Exception {
        var store = SqliteMessageStore.open(folder, 10_000, Telemetry.NONE,
                new Retention(Duration.ZERO, 3, Duration.ofMillis(10)));
        opened.add(store);
        LongStream.rangeClosed(1, 10).forEach(id -> store.append(chat("lobby", id)));
        store.append(chat("small", 1));

        awaitThat(() -> store.latest("lobby", 100).size() == 3, "the room was never trimmed to 3");

        assertEquals(List.of(8L, 9L, 10L), store.latest("lobby", 100).stream().map(RoomMessage::id).toList());
        assertEquals(1, store.latest("small", 100).size());
    }

    @Test
    void retention_is_never_negative() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ofHours(-1), 0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ZERO, -1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ZERO, 0, Duration.ZERO));
    }

    @Test
    void a_folder_that_cannot_be_made_or_a_file_that_is_no_database_is_refused_with_the_reason() throws Exception {
        var blocker = Files.writeString(folder.resolve("a-file"), "not a folder");
        var notAFolder = assertThrows(SQLException.class, () -> SqliteMessageStore.open(blocker.resolve("db"), 10));
        assertTrue(notAFolder.getMessage().startsWith("cannot create the data directory "), notAFolder.getMessage());

        var garbage = Files.createDirectories(folder.resolve("garbage"));
        Files.writeString(garbage.resolve(SqliteMessageStore.FILE), "this is not a SQLite database, not at all");
        var notADatabase = assertThrows(SQLException.class, () -> SqliteMessageStore.open(garbage, 10));
        assertTrue(notADatabase.getMessage().contains(SqliteMessageStore.FILE) || notADatabase.getMessage()
                .contains("not a database"), notADatabase.getMessage());
    }

    private static void awaitThat(BooleanSupplier condition, String otherwise) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            Thread.onSpinWait();
        }
    }

    @Test
    void a_deleted_chat_and_its_edits_leave_no_trace_of_their_text_in_the_database_file() throws Exception {
        var where = folder.resolve("erased");
        var store = open(where);
        var alice = new Identity("alice", "Alice");
        store.append(new RoomMessage("lobby", 1, Message.chat(alice, "launch code 4711", AT)));
        store.latest("lobby", 1);
        store.append(new RoomMessage("lobby", 2, Message.edit(alice, 1, "launch code 4712", AT)));
        store.latest("lobby", 1);
        store.append(new RoomMessage("lobby", 3, Message.delete(alice, 1, AT)));
        store.latest("lobby", 1);
        store.close();
        opened.remove(store);

        try (var files = Files.list(where)) {
            for (var file : files.toList()) {
                var text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("launch code"), file + " still holds the deleted text");
            }
        }
    }

    @Test
    void a_database_made_before_edits_and_reactions_is_brought_up_to_date_and_keeps_its_history() throws Exception {
        var where = folder.resolve("old");
        Files.createDirectories(where);
        try (var old = DriverManager.getConnection("jdbc:sqlite:" + where.resolve(SqliteMessageStore.FILE));
                var sql = old.createStatement()) {
            sql.execute("CREATE TABLE messages (room TEXT NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL,"
                    + " user_id TEXT NOT NULL, username TEXT NOT NULL, content TEXT NOT NULL, at_millis INTEGER NOT NULL,"
                    + " PRIMARY KEY (room, id)) WITHOUT ROWID");
            sql.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            sql.execute("INSERT INTO meta VALUES ('closed_cleanly', 'yes')");
            sql.execute("INSERT INTO messages VALUES ('lobby', 1, 'chat', 'alice', 'Alice', 'm1', "
                    + AT.toEpochMilli() + ")");
        }

        var store = open(where);
        store.append(new RoomMessage("lobby", 2, Message.edit(new Identity("alice", "Alice"), 1, "fixed", AT)));

        assertEquals("fixed", store.find("lobby", 1).orElseThrow().message().content());
        assertEquals(2, store.lastId("lobby"));
    }

    @Test
    void read_marks_survive_a_restart_and_one_risen_just_before_the_stop_is_written() throws Exception {
        var where = folder.resolve("marks");
        var store = open(where);
        store.readMarks().markRead("bob", "dev", 41);
        store.readMarks().markRead("bob", "dev", 42);
        store.close();
        opened.remove(store);

        var again = open(where);

        assertEquals(Map.of("dev", 42L), again.readMarks().byUser("bob"));
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

    private SqlMessageStore open(Path where) throws SQLException {
        return open(where, 10_000);
    }

    private SqlMessageStore open(Path where, int queueCapacity) throws SQLException {
        var store = SqliteMessageStore.open(where, queueCapacity);
        opened.add(store);
        return store;
    }

    private static RoomMessage chat(String room, long id) {
        return chat(room, id, AT);
    }

    private static RoomMessage chat(String room, long id, Instant at) {
        return new RoomMessage(room, id, Message.chat(new Identity("alice", "Alice"), "m" + id, at));
    }
}
