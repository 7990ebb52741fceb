package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static dev.chat.hub.RoomHubs.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.EncodedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A room's history through the hub: what a newcomer is sent, what a resuming client is sent, and paging back. */
class RoomHistoryTest extends RoomHubTest {

    @Test
    void a_newcomer_gets_who_is_there_then_the_latest_history_then_its_own_join() throws Exception {
        var history = hubs.start(new RoomLimits(3, 3, 100));
        var alice = Tab.enter(history, ALICE, "red");
        alice.sayNumbered(5);

        var bob = Tab.open(history, BOB, new Request.Subscribe("red", null));

        assertTrue(bob.next().startsWith("{\"type\":\"presence\",\"room\":\"red\",\"count\":2,"));
        assertEquals(List.of("m3", "m4", "m5"), List.of(field(bob.next(), "content"), field(bob.next(), "content"),
                field(bob.next(), "content")), "the last three, as the limits say");
        Tab.assertJoin(bob.next(), "red", "bob");
    }

    @Test
    void resuming_from_a_kept_id_sends_exactly_what_was_missed_and_says_so() throws Exception {
        var history = hubs.start(new RoomLimits(3, 3, 100));
        var alice = Tab.enter(history, ALICE, "red");
        alice.sayNumbered(4);

        var bob = Tab.open(history, BOB, new Request.Subscribe("red", 2L));

        var presence = bob.next();
        assertTrue(presence.contains("\"recovered\":true,"), presence);
        assertEquals(List.of("3", "4", "5"), List.of(field(bob.next(), "id"), field(bob.next(), "id"),
                field(bob.next(), "id")), "every id after 2");
        Tab.assertJoin(bob.next(), "red", "bob");
    }

    @Test
    void resuming_from_the_last_id_sends_nothing_but_who_is_there() throws Exception {
        var alice = enter(ALICE, "red");
        alice.say(null, "m");
        alice.next();

        var bob = tab(BOB, new Request.Subscribe("red", 2L));

        assertTrue(bob.next().contains("\"recovered\":true,"));
        Tab.assertJoin(bob.next(), "red", "bob");
    }

    @Test
    void resuming_from_an_id_history_no_longer_holds_or_never_had_says_the_gap_was_not_covered() throws Exception {
        var small = hubs.start(new RoomLimits(3, 3, 2), new InMemoryMessageStore(3, 10));
        var alice = new RecordingConnection();
        var client = small.connect(ALICE, alice, new Request.Subscribe("red", null));
        alice.next(2);
        for (int i = 0; i < 5; i++) {
            client.post(new ClientMessage("chat", "m" + i, null, null, null));
            alice.next();
        }

        var late = new RecordingConnection();
        small.connect(BOB, late, new Request.Subscribe("red", 1L));
        assertTrue(late.next().contains("\"recovered\":false,"));
        assertEquals(List.of("4", "5", "6"), List.of(field(late.next(), "id"), field(late.next(), "id"),
                field(late.next(), "id")), "more missed than the catch-up limit of 2: the latest 3, as a newcomer gets");

        var future = new RecordingConnection();
        small.connect(CAROL, future, new Request.Subscribe("red", 99L));
        assertTrue(future.next().contains("\"recovered\":false,"));
        assertEquals("5", field(future.next(), "id"), "the latest history instead: 5, 6 and Bob's join, 7");
    }

    @Test
    void history_pages_back_through_a_room_oldest_first() throws Exception {
        var alice = enter(ALICE, "red");
        alice.sayNumbered(5);

        assertEquals(List.of("5", "6"), ids(hub.history("red", null, 2)));
        assertEquals(List.of("2", "3", "4"), ids(hub.history("red", 5L, 3)));
        assertEquals(List.of(), ids(hub.history("nowhere", null, 10)));
    }

    @Test
    void an_empty_room_is_forgotten_but_its_history_and_numbering_carry_on() throws Exception {
        var history = hubs.start(new RoomLimits(3, 3, 100));
        var alice = Tab.enter(history, ALICE, "red");
        alice.say(null, "before");
        alice.next();
        alice.client().disconnect();
        awaitNoRooms(history);

        var bob = Tab.open(history, BOB, new Request.Subscribe("red", null));

        bob.next();
        assertEquals(List.of("Alice joined", "before", "Alice left"), List.of(field(bob.next(), "content"),
                field(bob.next(), "content"), field(bob.next(), "content")),
                "the leave of the room's last member is in its history too");
        Tab.assertJoin(bob.next(), "red", "bob");
        assertEquals("4", field(history.history("red", null, 1).getFirst().text(), "id"),
                "numbering went on from the store's last id");
    }

    @Test
    void a_room_that_opens_with_a_history_reads_it_once_for_all_its_newcomers() throws Exception {
        var store = new RecordingStore();
        var history = hubs.start(new RoomLimits(3, 3, 100), store);
        var alice = Tab.enter(history, ALICE, "red");
        alice.say(null, "before");
        alice.next();
        alice.client().disconnect();
        awaitNoRooms(history);
        store.readsBefore.clear();

        var bob = Tab.open(history, BOB, new Request.Subscribe("red", null));
        var carol = Tab.open(history, CAROL, new Request.Subscribe("red", null));

        assertEquals(List.of("Alice joined", "before", "Alice left"), latestThree(bob));
        assertEquals(List.of("before", "Alice left", "Bob joined"), latestThree(carol));
        assertEquals(1, store.readsBefore.stream().filter(limit -> limit == 3).count(),
                "the history read as the room opened, then served from memory");
    }

    /** The history a newcomer gets after who is there, with room for three. */
    private static List<String> latestThree(Tab newcomer) throws InterruptedException {
        assertEquals("presence", field(newcomer.next(), "type"));
        return List.of(field(newcomer.next(), "content"), field(newcomer.next(), "content"),
                field(newcomer.next(), "content"));
    }

    private Tab enter(Identity who, String room) throws InterruptedException {
        return Tab.enter(hub, who, room);
    }

    private Tab tab(Identity who, Request.Subscribe firstRoom) {
        return Tab.open(hub, who, firstRoom);
    }

    private static List<String> ids(List<EncodedMessage> messages) {
        return messages.stream().map(message -> field(message.text(), "id")).toList();
    }

    private static void awaitNoRooms(Hub hub) {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hub.rooms().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the room was never forgotten");
        }
    }
}
