package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static dev.chat.hub.RoomHubs.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rooms, direct messages and presence: who gets what, through the hub with in-memory connections. */
class RoomsTest extends RoomHubTest {

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

        alice.subscribe("blue");

        var presence = alice.next();
        assertTrue(presence.startsWith("{\"type\":\"presence\",\"room\":\"blue\",\"count\":2,\"users\":[{\"userId\":\"bob\""),
                presence);
        Tab.assertJoin(alice.next(), "blue", "alice");
        Tab.assertJoin(bob.next(), "blue", "alice");

        alice.say("blue", "hello blue");
        assertEquals("hello blue", field(bob.next(), "content"));
        assertEquals("hello blue", field(alice.next(), "content"));

        alice.unsubscribe("blue");
        assertEquals("leave", field(bob.next(), "type"));
        alice.say("blue", "still there?");
        assertEquals("not_in_room", field(alice.next(), "code"));
        alice.unsubscribe("blue");
        assertEquals("not_in_room", field(alice.next(), "code"));
    }

    @Test
    void a_chat_must_name_its_room_once_a_connection_is_in_several() throws Exception {
        var alice = enter(ALICE, "red");
        alice.subscribe("blue");
        alice.skipEntering();

        alice.say(null, "which room?");
        assertEquals("room_required", field(alice.next(), "code"));
        alice.say("red", "this one");
        assertEquals("red", field(alice.next(), "room"));
    }

    @Test
    void a_connection_may_be_in_a_bounded_number_of_rooms_and_in_each_once() throws Exception {
        var alice = enter(ALICE, "r1");
        alice.subscribe("r2");
        alice.skipEntering();
        alice.subscribe("r3");
        alice.skipEntering();

        alice.subscribe("r4");
        assertEquals("too_many_rooms", field(alice.next(), "code"));
        alice.subscribe("r3");
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
        Tab.assertJoin(bob.next(), "red", "alice");
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

        aliceWork.direct("bob", "psst");

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

        alice.direct("nobody", "hello?");

        assertEquals("user_offline", field(alice.next(), "code"));
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

    private Tab enter(Identity who, String room) throws InterruptedException {
        return Tab.enter(hub, who, room);
    }

    private Tab tab(Identity who, Request.Subscribe firstRoom) {
        return Tab.open(hub, who, firstRoom);
    }

    private Tab enterAgain(Identity who, String room) throws InterruptedException {
        return Tab.enterAgain(hub, who, room);
    }
}
