package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.MessageStoreContract;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
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
