package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Client;
import dev.chat.domain.ClientMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomSummary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rooms, direct messages, presence and history, through the hub with in-memory connections. */
class RoomsTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final Identity CAROL = new Identity("carol", "Carol");

    /** One connection: what it receives, and its handle on the hub. */
    private record Tab(RecordingConnection received, Client client) {
        String next() throws InterruptedException {
            return received.next();
        }

        void say(String room, String content) {
            client.post(new ClientMessage("chat", content, room, null, null));
        }

        void send(String type, String room, String to, String content, String since) {
            client.post(new ClientMessage(type, content, room, to, since));
        }
    }

    private final TrackingThreads threads = new TrackingThreads();
    /** Sends no history on entering, so that tests about routing read only what they are about. */
    private final Hub hub = start(new RoomLimits(3, 0, 100));

    private Hub start(RoomLimits limits) {
        return new Hub(settings(limits)).start();
    }

    private HubSettings settings(RoomLimits limits) {
        return HubSettings.defaults().withRooms(limits).withWriteInterval(Duration.ZERO).withThreads(threads);
    }

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void a_connection_that_names_no_room_is_in_global_and_a_chat_reaches_its_room_only() throws Exception {
        var red = enter(ALICE, "red");
        var blue = enter(BOB, "blue");
        var global = tab(CAROL, null);
        assertTrue(global.next().startsWith("{\"type\":\"presence\",\"room\":\"global\""));
        global.next();

        red.say(null, "in red");

        assertEquals("in red", field(red.next(), "content"));
        blue.say("blue", "in blue");
        assertEquals("in blue", field(blue.next(), "content"), "blue saw nothing from red before its own");
        global.say(null, "in global");
        assertEquals("in global", field(global.next(), "content"), "global saw nothing from red or blue");
    }

    @Test
    void subscribing_enters_another_room_and_unsubscribing_leaves_it() throws Exception {
        var alice = enter(ALICE, "red");
        var bob = enter(BOB, "blue");

        alice.send("subscribe", "blue", null, null, null);

        var presence = alice.next();
        assertTrue(presence.startsWith("{\"type\":\"presence\",\"room\":\"blue\",\"count\":2,\"users\":[{\"userId\":\"bob\""),
                presence);
        assertJoin(alice.next(), "blue", "alice");
        assertJoin(bob.next(), "blue", "alice");

        alice.say("blue", "hello blue");
        assertEquals("hello blue", field(bob.next(), "content"));
        assertEquals("hello blue", field(alice.next(), "content"));

        alice.send("unsubscribe", "blue", null, null, null);
        assertEquals("leave", field(bob.next(), "type"));
        alice.say("blue", "still there?");
        assertEquals("not_in_room", field(alice.next(), "code"));
        alice.send("unsubscribe", "blue", null, null, null);
        assertEquals("not_in_room", field(alice.next(), "code"));
    }

    @Test
    void a_chat_must_name_its_room_once_a_connection_is_in_several() throws Exception {
        var alice = enter(ALICE, "red");
        alice.send("subscribe", "blue", null, null, null);
        skipEntering(alice);

        alice.say(null, "which room?");
        assertEquals("room_required", field(alice.next(), "code"));
        alice.say("red", "this one");
        assertEquals("red", field(alice.next(), "room"));
    }

    @Test
    void a_connection_may_be_in_a_bounded_number_of_rooms_and_in_each_once() throws Exception {
        var alice = enter(ALICE, "r1");
        alice.send("subscribe", "r2", null, null, null);
        skipEntering(alice);
        alice.send("subscribe", "r3", null, null, null);
        skipEntering(alice);

        alice.send("subscribe", "r4", null, null, null);
        assertEquals("too_many_rooms", field(alice.next(), "code"));
        alice.send("subscribe", "r3", null, null, null);
        assertEquals("already_in_room", field(alice.next(), "code"));
    }

    @Test
    void ids_increase_within_a_room_the_same_for_every_member_and_each_room_counts_on_its_own() throws Exception {
        var alice = enter(ALICE, "red");
        var bob = enter(BOB, "red");
        alice.next();
        var carol = enter(CAROL, "blue");

        alice.say("red", "one");
        alice.say("red", "two");
        carol.say("blue", "three");

        for (var tab : List.of(alice, bob)) {
            var first = tab.next();
            var second = tab.next();
            assertEquals("3", field(first, "id"), "after the two joins");
            assertEquals("4", field(second, "id"));
        }
        assertEquals("2", field(carol.next(), "id"), "blue has its own numbering");
    }

    @Test
    void a_second_tab_is_not_announced_and_the_user_leaves_with_the_last_one() throws Exception {
        var bob = enter(BOB, "red");
        var first = enter(ALICE, "red");
        assertJoin(bob.next(), "red", "alice");
        var second = enterAgain(ALICE, "red");

        first.client().disconnect();
        second.say("red", "still here");

        assertEquals("still here", field(bob.next(), "content"), "neither the second tab nor the first one's going");
        second.client().disconnect();
        var leave = bob.next();
        assertEquals("leave", field(leave, "type"));
        assertEquals("alice", field(leave, "userId"));
        assertEquals(List.of(BOB), hub.users("red"));
    }

    @Test
    void a_direct_message_reaches_every_tab_of_the_recipient_and_of_the_sender_and_nobody_else() throws Exception {
        var aliceHome = enter(ALICE, "red");
        var aliceWork = enter(ALICE, "blue");
        var bobOne = enter(BOB, "red");
        aliceHome.next();
        var bobTwo = enter(BOB, "green");
        var carol = enter(CAROL, "red");
        aliceHome.next();
        bobOne.next();

        aliceWork.send("direct", null, "bob", "psst", null);

        for (var tab : List.of(bobOne, bobTwo, aliceHome, aliceWork)) {
            var direct = tab.next();
            assertEquals("direct", field(direct, "type"));
            assertEquals("alice", field(direct, "userId"));
            assertEquals("bob", field(direct, "to"));
            assertEquals("psst", field(direct, "content"));
        }
        carol.say(null, "did I miss anything?");
        assertEquals("did I miss anything?", field(carol.next(), "content"));
    }

    @Test
    void a_direct_message_to_someone_not_connected_is_refused() throws Exception {
        var alice = enter(ALICE, "red");

        alice.send("direct", null, "nobody", "hello?", null);

        assertEquals("user_offline", field(alice.next(), "code"));
    }

    @Test
    void a_newcomer_gets_who_is_there_then_the_latest_history_then_its_own_join() throws Exception {
        var history = start(new RoomLimits(3, 3, 100));
        var alice = enter(history, ALICE, "red");
        for (int i = 1; i <= 5; i++) {
            alice.say(null, "m" + i);
            alice.next();
        }

        var bob = tab(history, BOB, new Request.Subscribe("red", null));

        assertTrue(bob.next().startsWith("{\"type\":\"presence\",\"room\":\"red\",\"count\":2,"));
        assertEquals(List.of("m3", "m4", "m5"), List.of(field(bob.next(), "content"), field(bob.next(), "content"),
                field(bob.next(), "content")), "the last three, as the limits say");
        assertJoin(bob.next(), "red", "bob");
        history.close();
    }

    @Test
    void resuming_from_a_kept_id_sends_exactly_what_was_missed_and_says_so() throws Exception {
        var history = start(new RoomLimits(3, 3, 100));
        var alice = enter(history, ALICE, "red");
        for (int i = 1; i <= 4; i++) {
            alice.say(null, "m" + i);
            alice.next();
        }

        var bob = tab(history, BOB, new Request.Subscribe("red", 2L));

        var presence = bob.next();
        assertTrue(presence.endsWith("\"recovered\":true}"), presence);
        assertEquals(List.of("3", "4", "5"), List.of(field(bob.next(), "id"), field(bob.next(), "id"),
                field(bob.next(), "id")), "every id after 2");
        assertJoin(bob.next(), "red", "bob");
        history.close();
    }

    @Test
    void resuming_from_the_last_id_sends_nothing_but_who_is_there() throws Exception {
        var alice = enter(ALICE, "red");
        alice.say(null, "m");
        alice.next();

        var bob = tab(BOB, new Request.Subscribe("red", 2L));

        assertTrue(bob.next().endsWith("\"recovered\":true}"));
        assertJoin(bob.next(), "red", "bob");
    }

    @Test
    void resuming_from_an_id_history_no_longer_holds_or_never_had_says_the_gap_was_not_covered() throws Exception {
        var small = new Hub(settings(new RoomLimits(3, 3, 2)), new InMemoryMessageStore(3, 10)).start();
        var alice = new RecordingConnection();
        var client = small.connect(ALICE, alice, new Request.Subscribe("red", null));
        alice.next(2);
        for (int i = 0; i < 5; i++) {
            client.post(new ClientMessage("chat", "m" + i, null, null, null));
            alice.next();
        }

        var late = new RecordingConnection();
        small.connect(BOB, late, new Request.Subscribe("red", 1L));
        assertTrue(late.next().endsWith("\"recovered\":false}"));
        assertEquals(List.of("4", "5"), List.of(field(late.next(), "id"), field(late.next(), "id")),
                "the oldest kept, at most as many as the catch-up limit");

        var future = new RecordingConnection();
        small.connect(CAROL, future, new Request.Subscribe("red", 99L));
        assertTrue(future.next().endsWith("\"recovered\":false}"));
        assertEquals("5", field(future.next(), "id"), "the latest history instead: 5, 6 and Bob's join, 7");
        small.close();
    }

    @Test
    void rooms_with_their_member_counts_and_the_users_of_a_room_can_be_listed() throws Exception {
        enter(ALICE, "red");
        enterAgain(ALICE, "red");
        enter(BOB, "red");
        enter(CAROL, "blue");

        assertEquals(List.of(new RoomSummary("red", 2), new RoomSummary("blue", 1)), hub.rooms());
        assertEquals(List.of(ALICE, BOB), hub.users("red"));
        assertEquals(List.of(), hub.users("nowhere"));
    }

    @Test
    void history_pages_back_through_a_room_oldest_first() throws Exception {
        var alice = enter(ALICE, "red");
        for (int i = 1; i <= 5; i++) {
            alice.say(null, "m" + i);
            alice.next();
        }

        assertEquals(List.of("5", "6"), ids(hub.history("red", null, 2)));
        assertEquals(List.of("2", "3", "4"), ids(hub.history("red", 5L, 3)));
        assertEquals(List.of(), ids(hub.history("nowhere", null, 10)));
    }

    @Test
    void an_empty_room_is_forgotten_but_its_history_and_numbering_carry_on() throws Exception {
        var history = start(new RoomLimits(3, 3, 100));
        var alice = enter(history, ALICE, "red");
        alice.say(null, "before");
        alice.next();
        alice.client().disconnect();
        awaitNoRooms(history);

        var bob = tab(history, BOB, new Request.Subscribe("red", null));

        bob.next();
        assertEquals(List.of("Alice joined", "before"), List.of(field(bob.next(), "content"),
                field(bob.next(), "content")));
        assertJoin(bob.next(), "red", "bob");
        assertEquals("3", field(history.history("red", null, 1).getFirst().text(), "id"),
                "numbering went on from the store's last id");
        history.close();
    }

    private Tab enter(Identity who, String room) throws InterruptedException {
        return enter(hub, who, room);
    }

    /** A user's first connection in the room: reads who is there and any history, up to its own join. */
    private static Tab enter(Hub into, Identity who, String room) throws InterruptedException {
        var tab = tab(into, who, new Request.Subscribe(room, null));
        assertEquals("presence", field(tab.next(), "type"));
        for (var message = tab.next(); !isJoinOf(message, room, who); message = tab.next()) {
            assertTrue(field(message, "id") != null, "only history comes before the join: " + message);
        }
        return tab;
    }

    /** Another connection of a user already in the room: it is told who is there, and not announced. */
    private Tab enterAgain(Identity who, String room) throws InterruptedException {
        var tab = tab(hub, who, new Request.Subscribe(room, null));
        assertEquals("presence", field(tab.next(), "type"));
        return tab;
    }

    private Tab tab(Identity who, Request.Subscribe firstRoom) {
        return tab(hub, who, firstRoom);
    }

    private static Tab tab(Hub into, Identity who, Request.Subscribe firstRoom) {
        var connection = new RecordingConnection();
        var client = firstRoom == null ? into.connect(who, connection) : into.connect(who, connection, firstRoom);
        return new Tab(connection, client);
    }

    /** Reads the presence message and this connection's join in the room it just subscribed to. */
    private static void skipEntering(Tab tab) throws InterruptedException {
        var presence = tab.next();
        assertEquals("presence", field(presence, "type"), presence);
        assertJoin(tab.next(), field(presence, "room"), tab.client().identity().userId());
    }

    private static boolean isJoinOf(String message, String room, Identity who) {
        return "join".equals(field(message, "type")) && room.equals(field(message, "room"))
                && who.userId().equals(field(message, "userId"));
    }

    private static void assertJoin(String message, String room, String userId) {
        assertEquals("join", field(message, "type"), message);
        assertEquals(room, field(message, "room"));
        assertEquals(userId, field(message, "userId"));
    }

    private static List<String> ids(List<dev.chat.domain.EncodedMessage> messages) {
        return messages.stream().map(message -> field(message.text(), "id")).toList();
    }

    private static void awaitNoRooms(Hub hub) {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hub.rooms().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the room was never forgotten");
        }
    }
}
