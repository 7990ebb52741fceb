package dev.chat.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the store keeps through a restart of itself and of DynamoDB: history, ids that never come back, and every
 * message appended while DynamoDB was away.
 */
class DynamoDurabilityTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final DynamoSettings SETTINGS = new DynamoSettings("chat-messages", Optional.empty(), "us-east-1",
            true);

    @TempDir
    Path data;
    private LocalDynalite dynalite;
    private DynamoDbClient client;

    @AfterEach
    void stop() {
        client.close();
        dynalite.close();
    }

    @Test
    void history_and_ids_go_on_after_the_store_and_dynamodb_restart() throws Exception {
        start();
        var store = DynamoMessageStore.open(client, SETTINGS, 1000);
        append(store, 1, 5);
        store.close();
        dynalite.restart();

        var again = DynamoMessageStore.open(client, SETTINGS, 1000);

        assertEquals(5, again.lastId("dev"), "closed cleanly: no gap");
        assertEquals(5, again.latest("dev", 10).size());
        again.close();
    }

    @Test
    void after_a_crash_every_room_numbers_on_past_the_gap() throws Exception {
        start();
        var crashed = DynamoMessageStore.open(client, SETTINGS, 1000);
        append(crashed, 1, 3);
        assertEquals(3, crashed.latest("dev", 10).size(), "written, and never closed");

        var again = DynamoMessageStore.open(client, SETTINGS, 1000);

        assertEquals(3 + 1000 + Writer.MAX_BATCH, again.lastId("dev"));
        again.close();
        crashed.close();
    }

    @Test
    void what_is_appended_while_dynamodb_is_away_is_written_once_it_is_back() throws Exception {
        start();
        var store = DynamoMessageStore.open(client, SETTINGS, 1000);
        append(store, 1, 2);
        assertEquals(2, store.latest("dev", 10).size());

        dynalite.stop();
        append(store, 3, 6);
        await(() -> store.state() == Availability.UNAVAILABLE);
        dynalite.restart();

        await(() -> store.state() == Availability.OK && store.queued() == 0);
        assertEquals(6, store.latest("dev", 10).size());
        store.close();
    }

    private void start() throws Exception {
        dynalite = LocalDynalite.start(Optional.of(Files.createDirectories(data.resolve("dynalite"))));
        client = dynalite.client();
    }

    private static void append(DynamoMessageStore store, long from, long to) {
        for (long id = from; id <= to; id++) {
            store.append(new RoomMessage("dev", id, Message.chat(ALICE, "m" + id, Instant.now())));
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
