package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest {

    private final InMemoryMessageStore store = new InMemoryMessageStore(5, 3);

    @Test
    void a_room_keeps_its_newest_messages_up_to_its_bound() {
        append("lobby", 1, 7);

        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), ids(store.latest("lobby", 10)));
        assertEquals(List.of(6L, 7L), ids(store.latest("lobby", 2)));
        assertEquals(7, store.lastId("lobby"));
    }

    @Test
    void after_an_id_comes_everything_newer_that_is_still_kept() {
        append("lobby", 1, 7);

        assertEquals(List.of(5L, 6L, 7L), ids(store.after("lobby", 4, 10)));
        assertEquals(List.of(5L, 6L), ids(store.after("lobby", 4, 2)));
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), ids(store.after("lobby", 1, 10)), "1 and 2 are gone");
        assertEquals(List.of(), ids(store.after("lobby", 7, 10)));
    }

    @Test
    void before_an_id_comes_the_newest_page_older_than_it() {
        append("lobby", 1, 5);

        assertEquals(List.of(2L, 3L, 4L), ids(store.before("lobby", 5, 3)));
        assertEquals(List.of(1L), ids(store.before("lobby", 2, 3)));
        assertEquals(List.of(), ids(store.before("lobby", 1, 3)));
    }

    @Test
    void rooms_are_kept_apart_and_an_unknown_room_is_empty() {
        append("a", 1, 2);
        append("b", 1, 3);

        assertEquals(List.of(1L, 2L), ids(store.latest("a", 10)));
        assertEquals(3, store.lastId("b"));
        assertEquals(0, store.lastId("nowhere"));
        assertEquals(List.of(), store.latest("nowhere", 10));
    }

    @Test
    void past_its_room_bound_the_store_forgets_the_room_written_to_least_recently() {
        append("a", 1, 1);
        append("b", 1, 1);
        append("c", 1, 1);
        append("a", 2, 2);

        append("d", 1, 1);

        assertEquals(0, store.lastId("b"));
        assertEquals(2, store.lastId("a"));
        assertEquals(1, store.lastId("d"));
    }

    @Test
    void a_store_keeps_at_least_one_message_of_one_room() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryMessageStore(0, 1));
    }

    private void append(String room, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(id -> store.append(new RoomMessage(room, id,
                Message.chat(new Identity("u", "U"), "m" + id, Instant.EPOCH))));
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }
}
