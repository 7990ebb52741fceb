package dev.chat.benchmarks;

import dev.chat.adapter.postgres.PostgresMessageStore;
import dev.chat.adapter.sqlite.SqliteMessageStore;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import dev.chat.hub.InMemoryMessageStore;
import dev.chat.sql.Retention;
import dev.chat.sql.SqlMessageStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a room full of changed chats costs to read: 10 000 chats, 1 000 of them edited, 500 deleted and 50 000
 * reactions, interleaved as people make them. A newcomer's history (the room's last 50, encoded, as the hub sends them
 * when its recent messages are stale after a change), a page of the history route from the middle of the room, and
 * a user's unread counts in 20 rooms of 1 000 chats each, from each store on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryBenchmark {

    static final String ROOM = "busy";
    static final int CHATS = 10_000;
    static final int EDITS = 1_000;
    static final int DELETES = 500;
    static final int REACTIONS = 50_000;
    static final int UNREAD_ROOMS = 20;
    static final String READER = "reader";
    private static final String[] EMOJI = {"\uD83D\uDC4D", "\uD83C\uDF89", "\u2764\uFE0F", ":shipit:", ":eyes:"};
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Param({"memory", "sqlite", "postgres"})
    public String store;

    private MessageStore history;
    private AutoCloseable closeStore = () -> { };
    private EmbeddedPostgres postgres;
    private long middle;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        history = open();
        middle = fillBusyRoom() / 2;
        for (int room = 0; room < UNREAD_ROOMS; room++) {
            for (long id = 1; id <= 1_000; id++) {
                history.append(new RoomMessage("room" + room, id, Message.chat(new Identity("u" + id % 7, "U"),
                        "chat " + id, AT)));
            }
        }
        history.latest(ROOM, 1);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        closeStore.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public List<EncodedMessage> joinHistory() {
        return encoded(history.latest(ROOM, 50));
    }

    @Benchmark
    public List<EncodedMessage> historyPage() {
        return encoded(history.before(ROOM, middle, 50));
    }

    /** Marked read 900 chats in: 100 unread in each, the cap, so that each count reads as far as any will. */
    @Benchmark
    public int unreadIn20Rooms() {
        int unread = 0;
        for (int room = 0; room < UNREAD_ROOMS; room++) {
            unread += history.unread("room" + room, READER, 900, MessageStore.UNREAD_CAP);
        }
        return unread;
    }

    private MessageStore open() throws Exception {
        return switch (store) {
            case "memory" -> new InMemoryMessageStore(100_000, 100);
            case "sqlite" -> keep(SqliteMessageStore.open(Files.createTempDirectory("history-benchmark"), 100_000));
            case "postgres" -> {
                postgres = EmbeddedPostgres.builder().start();
                yield keep(PostgresMessageStore.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                        "postgres", 100_000, Telemetry.NONE, Retention.FOREVER));
            }
            default -> throw new IllegalArgumentException("no store " + store);
        };
    }

    private MessageStore keep(SqlMessageStore opened) {
        closeStore = opened;
        return opened;
    }

    /** Each chat followed by the changes people make around then; the last id. */
    private long fillBusyRoom() {
        var random = new Random(42);
        var live = new ArrayList<Long>();
        long id = 0;
        int reactions = 0;
        for (int chat = 1; chat <= CHATS; chat++) {
            var author = new Identity("u" + chat % 100, "User " + chat % 100);
            history.append(new RoomMessage(ROOM, ++id, Message.chat(author, "chat number " + chat, AT)));
            live.add(id);
            if (chat % (CHATS / EDITS) == 0) {
                history.append(new RoomMessage(ROOM, ++id, Message.edit(author, id - 1, "chat number " + chat
                        + ", edited", AT)));
            }
            if (chat % (CHATS / DELETES) == 0) {
                long gone = live.remove(random.nextInt(live.size()));
                history.append(new RoomMessage(ROOM, ++id, Message.delete(author, gone, AT)));
            }
            for (int due = REACTIONS * chat / CHATS; reactions < due; reactions++) {
                long target = live.get(Math.max(0, live.size() - 1 - random.nextInt(Math.min(live.size(), 50))));
                var reactor = new Identity("r" + reactions, "R");
                history.append(new RoomMessage(ROOM, ++id, Message.reaction(reactor, target,
                        EMOJI[reactions % EMOJI.length], true, AT)));
            }
        }
        return id;
    }

    private static List<EncodedMessage> encoded(List<RoomMessage> messages) {
        return messages.stream().map(WireFormat::encode).toList();
    }
}
