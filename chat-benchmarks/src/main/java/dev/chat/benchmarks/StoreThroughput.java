package dev.chat.benchmarks;

import dev.chat.adapter.dynamodb.DynamoMessageStore;
import dev.chat.adapter.dynamodb.DynamoSettings;
import dev.chat.adapter.dynamodb.LocalDynalite;
import dev.chat.adapter.postgres.PostgresMessageStore;
import dev.chat.adapter.sqlite.SqliteMessageStore;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.sql.Retention;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Each durable store alone, one after another, as many rounds as asked: 5 000 chats appended and read back once
 * written (chats committed a second), then a resume of 1 000 read five times (the median). DynamoDB is dynalite on
 * this machine, which says nothing of AWS's latency. Not JMH: a store's write-behind is measured whole, once a round.
 *
 * <pre>java -cp chat-benchmarks/target/benchmarks.jar dev.chat.benchmarks.StoreThroughput 3</pre>
 */
public final class StoreThroughput {

    private static final int CHATS = 5_000;
    private static final int RESUME = 1_000;

    private StoreThroughput() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int round = 1; round <= rounds; round++) {
            for (var store : List.of("sqlite", "postgres", "dynamodb")) {
                System.out.println("round " + round + " " + measure(store));
            }
        }
        System.exit(0);
    }

    private static String measure(String name) throws Exception {
        var closing = new ArrayList<AutoCloseable>();
        try {
            var store = open(name, closing);
            var alice = new Identity("alice", "Alice");
            long started = System.nanoTime();
            for (long id = 1; id <= CHATS; id++) {
                store.append(new RoomMessage("r", id, Message.chat(alice, "message number " + id, Instant.now())));
            }
            store.latest("r", 1);
            double seconds = (System.nanoTime() - started) / 1e9;
            var reads = new ArrayList<Double>();
            for (int i = 0; i < 5; i++) {
                long read = System.nanoTime();
                if (store.after("r", CHATS - RESUME, RESUME).size() != RESUME) {
                    throw new IllegalStateException(name + " lost messages");
                }
                reads.add((System.nanoTime() - read) / 1e6);
            }
            Collections.sort(reads);
            return String.format("%-8s %,8.0f chats committed/s, resume of %d: %.1f ms", name, CHATS / seconds,
                    RESUME, reads.get(2));
        } finally {
            for (var resource : closing.reversed()) {
                resource.close();
            }
        }
    }

    private static MessageStore open(String name, List<AutoCloseable> closing) throws Exception {
        return switch (name) {
            case "sqlite" -> kept(SqliteMessageStore.open(Files.createTempDirectory("throughput"), 100_000), closing);
            case "postgres" -> {
                var postgres = EmbeddedPostgres.builder().start();
                closing.add(postgres);
                yield kept(PostgresMessageStore.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                        "postgres", 100_000, Telemetry.NONE, Retention.FOREVER), closing);
            }
            default -> {
                var dynalite = LocalDynalite.start();
                closing.add(dynalite);
                var client = dynalite.client();
                closing.add(client);
                yield kept(DynamoMessageStore.open(client, new DynamoSettings("chat-messages", Optional.empty(),
                        "us-east-1", true), 100_000), closing);
            }
        };
    }

    private static <T extends MessageStore & AutoCloseable> T kept(T store, List<AutoCloseable> closing) {
        closing.add(store);
        return store;
    }
}
