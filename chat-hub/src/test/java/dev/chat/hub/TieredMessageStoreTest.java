package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TieredMessageStoreTest extends MessageStoreContract {

    private final InMemoryMessageStore durable = new InMemoryMessageStore(10_000, 10);

    @Override
    protected MessageStore newStore() {
        return new TieredMessageStore(new InMemoryMessageStore(1000, 10), new InMemoryMessageStore(1000, 10));
    }

    @Test
    void after_a_restart_memory_is_empty_and_every_read_comes_from_the_durable_store() {
        LongStream.rangeClosed(1, 30).forEach(id -> durable.append(chat(id)));

        var restarted = new TieredMessageStore(new InMemoryMessageStore(5, 10), durable);

        assertEquals(30, restarted.lastId("lobby"));
        assertEquals(List.of(29L, 30L), ids(restarted.latest("lobby", 2)));
        assertEquals(List.of(11L, 12L), ids(restarted.after("lobby", 10, 2)));
        assertEquals(List.of(8L, 9L), ids(restarted.before("lobby", 10, 2)));
        assertEquals(Availability.DISABLED, restarted.state(), "as the durable store says; here, one in memory");
    }

    @Test
    void further_back_than_memory_reaches_the_durable_store_answers_and_near_the_end_memory_does() {
        var memory = new InMemoryMessageStore(5, 10);
        var tiered = new TieredMessageStore(memory, durable);
        LongStream.rangeClosed(1, 30).forEach(id -> tiered.append(chat(id)));

        assertEquals(List.of(27L, 28L, 29L, 30L), ids(tiered.after("lobby", 26, 10)), "memory holds 26 to 30");
        assertEquals(List.of(3L, 4L), ids(tiered.after("lobby", 2, 2)), "memory lost 3 long ago");
        assertEquals(List.of(), tiered.after("lobby", 30, 10));
        assertEquals(List.of(20L, 21L), ids(tiered.before("lobby", 22, 2)));
    }

    @Test
    void unread_is_counted_in_memory_when_memory_reaches_the_cap_or_the_mark_and_on_disk_otherwise() {
        var memory = new InMemoryMessageStore(5, 10);
        var tiered = new TieredMessageStore(memory, durable);
        LongStream.rangeClosed(1, 30).forEach(id -> tiered.append(chat(id)));
        LongStream.rangeClosed(31, 32).forEach(id -> durable.append(chat(id)));

        assertEquals(3, tiered.unread("lobby", "b", 27, 100), "memory holds 28 to 30; the disk's 31 and 32 unasked");
        assertEquals(2, tiered.unread("lobby", "b", 2, 2), "memory alone reaches the cap");
        assertEquals(30, tiered.unread("lobby", "b", 2, 100), "memory lost 3 long ago: the disk counts, to 32");
    }

    private static RoomMessage chat(long id) {
        return new RoomMessage("lobby", id, Message.chat(new Identity("a", "A"), "m" + id, Instant.EPOCH));
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }
}
