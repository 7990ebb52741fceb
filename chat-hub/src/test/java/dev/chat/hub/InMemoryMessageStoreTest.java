package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest extends MessageStoreContract {

    private final InMemoryMessageStore store = new InMemoryMessageStore(5, 3);

    @Override
    protected MessageStore newStore() {
        return new InMemoryMessageStore(1000, 10);
    }

    @Test
    void a_room_keeps_its_newest_messages_up_to_its_bound() {
        append("lobby", 1, 7);

        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), ids(store.latest("lobby", 10)));
        assertEquals(List.of(6L, 7L), ids(store.latest("lobby", 2)));
        assertEquals(7, store.lastId("lobby"));
    }

    @Test
    void after_an_id_comes_only_what_is_still_kept() {
        append("lobby", 1, 7);

        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), ids(store.after("lobby", 1, 10)), "1 and 2 are gone");
    }

    @Test
    void past_its_room_bound_the_store_forgets_the_quietest_room_and_of_those_the_least_recently_written() {
        append("a", 1, 1);
        append("b", 1, 1);
        append("c", 1, 1);
        append("a", 2, 2);

        append("d", 1, 1);

        assertEquals(List.of(), store.latest("b", 10));
        assertEquals(2, store.lastId("a"));
        assertEquals(1, store.lastId("d"));
    }

    @Test
    void a_forgotten_room_numbers_on_past_every_id_a_forgotten_room_was_given() {
        append("a", 1, 40);
        append("b", 1, 3);
        append("c", 1, 50);
        append("d", 1, 1);

        assertEquals(List.of(), store.latest("b", 10), "b, the quietest, was forgotten");
        assertEquals(3, store.lastId("b"), "so its next message is 4, never an id a client saw");
        assertEquals(3, store.lastId("a-room-never-written"));
    }

    @Test
    void a_store_numbered_from_now_starts_every_room_above_the_ids_an_earlier_run_gave() {
        var startedEarlier = Instant.parse("2026-12-02T04:00:00Z");
        var earlier = InMemoryMessageStore.numberedFromNow(Clock.fixed(startedEarlier, ZoneOffset.UTC), 10, 10, 10_000);
        long lastBeforeRestart = earlier.lastId("lobby") + 3_600_000;

        var restarted = InMemoryMessageStore.numberedFromNow(
                Clock.fixed(startedEarlier.plusSeconds(3601), ZoneOffset.UTC), 10, 10, 10_000);

        assertTrue(restarted.lastId("lobby") > lastBeforeRestart, "a thousand ids a second for an hour");
        assertEquals(restarted.lastId("lobby"), restarted.lastId("any-other-room"));
    }

    @Test
    void a_flood_of_one_message_rooms_does_not_push_out_a_room_people_use() {
        var bounded = new InMemoryMessageStore(100, 10);
        append(bounded, "busy", 1, 50, "hello");

        for (int junk = 0; junk < 10_000; junk++) {
            append(bounded, "junk-" + junk, 1, 1, "x");
        }

        assertEquals(50, bounded.latest("busy", 100).size());
        assertEquals(50, bounded.lastId("busy"));
    }

    @Test
    void past_its_byte_bound_the_room_holding_the_most_gives_back_its_oldest_messages_first() {
        var bounded = new InMemoryMessageStore(1000, 100, 100_000);
        append(bounded, "quiet", 1, 10, "hi");

        append(bounded, "flooded", 1, 500, "\uD83D\uDE00".repeat(500));

        assertEquals(10, bounded.latest("quiet", 100).size(), "the small room keeps everything");
        assertEquals(500, bounded.lastId("flooded"), "the flooded room keeps its newest");
        assertTrue(bounded.bytes() <= 100_000, bounded.bytes() + " bytes kept");
        assertEquals(bounded.bytes(), Stream.of("quiet", "flooded")
                .flatMap(room -> bounded.latest(room, 1000).stream()).mapToLong(RoomHistory::bytesOf).sum());
    }

    @Test
    void the_bytes_counted_are_those_of_the_messages_kept_as_the_ring_overwrites_them() {
        append("lobby", 1, 7);

        assertEquals(store.latest("lobby", 10).stream().mapToLong(RoomHistory::bytesOf).sum(), store.bytes());
    }

    @Test
    void a_store_keeps_at_least_one_message_of_one_room() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryMessageStore(0, 1));
    }

    private void append(String room, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(id -> store.append(new RoomMessage(room, id,
                Message.chat(new Identity("u", "U"), "m" + id, Instant.EPOCH))));
    }

    private static void append(InMemoryMessageStore store, String room, long from, long to, String content) {
        LongStream.rangeClosed(from, to).forEach(id -> store.append(new RoomMessage(room, id,
                Message.chat(new Identity("u", "U"), content, Instant.EPOCH))));
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }
}
