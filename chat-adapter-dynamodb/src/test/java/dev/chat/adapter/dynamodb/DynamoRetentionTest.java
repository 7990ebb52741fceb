package dev.chat.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code RETENTION_MAX_AGE} in DynamoDB: every message carries the time DynamoDB's time to live deletes it at, and
 * no read counts on it being gone, since DynamoDB deletes late and the emulator never does.
 */
class DynamoRetentionTest {

    private static final Identity ALICE = new Identity("alice", "Alice");

    private final LocalDynalite dynalite = LocalDynalite.start();

    @AfterEach
    void stop() {
        dynalite.close();
    }

    @Test
    void a_message_past_the_retention_is_in_no_read_and_each_carries_when_it_expires() throws Exception {
        try (var client = dynalite.client()) {
            var store = DynamoMessageStore.open(client, new DynamoSettings("chat-messages", Optional.empty(),
                    "us-east-1", true, Duration.ofHours(1)), 1000);
            var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var old = new RoomMessage("dev", 1, Message.chat(ALICE, "two hours ago", now.minusSeconds(7200)));
            var recent = new RoomMessage("dev", 2, Message.chat(ALICE, "just now", now));
            store.append(old);
            store.append(recent);

            assertEquals(List.of(recent), store.latest("dev", 10));
            assertEquals(List.of(recent), store.after("dev", 0, 10));
            assertEquals(List.of(recent), store.byUser("alice", MessagePosition.NEWEST, 10));
            assertEquals(Optional.empty(), store.find("dev", 1));
            assertEquals(2, store.lastId("dev"), "an expired id is never given again");
            var kept = client.getItem(get -> get.tableName("chat-messages").key(Items.key("dev", 2))).item();
            assertEquals(recent.message().timestamp().plusSeconds(3600).getEpochSecond(),
                    Long.parseLong(kept.get(Items.EXPIRES).n()));
            assertTrue(client.getItem(get -> get.tableName("chat-messages").key(Items.key("dev", 1))).item()
                    .containsKey(Items.EXPIRES), "there until DynamoDB gets round to it");
            store.close();
        }
    }
}
