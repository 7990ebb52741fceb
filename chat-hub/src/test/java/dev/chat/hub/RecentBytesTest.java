package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Request;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rooms' recent messages, kept encoded for newcomers, are bounded in bytes together. */
class RecentBytesTest extends RoomHubTest {

    @Test
    void a_room_over_the_bound_gives_its_bytes_back_and_serves_newcomers_from_the_store() {
        var bytes = new RecentBytes(1000);
        var room = new Room("red", 0, 50, bytes);
        var message = EncodedMessage.of("x".repeat(200));

        for (int i = 0; i < 3; i++) {
            room.remember(message);
        }
        assertEquals(3 * (200 + RecentBytes.OVERHEAD), bytes.used());
        assertTrue(room.recent().isPresent());

        room.remember(message);
        room.remember(message);

        assertEquals(0, bytes.used(), "the room over the bound gave back every byte");
        assertTrue(room.recent().isEmpty(), "newcomers are served from the store");
    }

    @Test
    void a_forgotten_room_gives_back_its_bytes_and_one_that_rolls_over_keeps_the_count_exact() {
        var bytes = new RecentBytes(10_000);
        var room = new Room("red", 0, 2, bytes);

        room.remember(EncodedMessage.of("a".repeat(100)));
        room.remember(EncodedMessage.of("b".repeat(10)));
        room.remember(EncodedMessage.of("c".repeat(1)));
        assertEquals(10 + 1 + 2 * RecentBytes.OVERHEAD, bytes.used());

        room.forgetRecent();
        assertEquals(0, bytes.used());
    }

    @Test
    void past_the_bound_a_newcomer_still_gets_the_latest_history_and_its_join() throws Exception {
        var tight = hubs.start(new RoomLimits(3, 3, 100, 500));
        var alice = Tab.enter(tight, ALICE, "red");
        alice.sayNumbered(5);

        var bob = Tab.open(tight, BOB, new Request.Subscribe("red", null));

        assertTrue(bob.next().startsWith("{\"type\":\"presence\",\"room\":\"red\",\"count\":2,"));
        assertEquals(List.of("m3", "m4", "m5"), List.of(field(bob.next(), "content"), field(bob.next(), "content"),
                field(bob.next(), "content")), "the last three, from the store");
        Tab.assertJoin(bob.next(), "red", "bob");
    }
}
