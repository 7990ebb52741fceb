package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static dev.chat.hub.RoomHubs.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Request;
import dev.chat.domain.protocol.ClientMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typing: told to the room's other members at once, at most once a second per user and room, and kept nowhere. */
class TypingTest {

    private final RoomHubs hubs = new RoomHubs();
    private final Hub hub = hubs.start(new RoomLimits(3, 0, 100));

    @AfterEach
    void closeHubs() throws InterruptedException {
        hubs.closeAll();
    }

    @Test
    void the_other_members_are_told_who_is_typing_and_the_typist_s_own_tabs_are_not() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        var aliceAgain = Tab.enterAgain(hub, ALICE, "dev");
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();
        aliceAgain.next();

        alice.client().post(typing("dev"));
        bob.say("dev", "after");

        assertEquals("{\"type\":\"typing\",\"room\":\"dev\",\"userId\":\"alice\",\"username\":\"Alice\"}", bob.next());
        assertEquals("after", field(alice.next(), "content"), "nothing came before bob's chat");
        assertEquals("after", field(aliceAgain.next(), "content"));
    }

    @Test
    void a_second_typing_within_a_second_is_dropped_without_a_word_and_the_room_s_history_keeps_none() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();

        alice.client().post(typing("dev"));
        alice.client().post(typing(null));
        alice.say("dev", "sent");

        assertEquals("typing", field(bob.next(), "type"));
        assertEquals("sent", field(bob.next(), "content"), "the second typing was dropped");
        assertEquals("sent", field(alice.next(), "content"), "and its sender was not told");
        var carol = Tab.open(hub, CAROL, new Request.Subscribe("dev", 0L));
        assertEquals("presence", field(carol.next(), "type"));
        for (var message = carol.next(); !field(message, "type").equals("join")
                || !field(message, "userId").equals("carol"); message = carol.next()) {
            assertTrue(field(message, "id") != null, "a resume replays numbered messages only: " + message);
        }
    }

    @Test
    void typing_in_a_room_the_connection_is_not_in_is_refused_like_a_chat() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");

        alice.client().post(typing("ops"));

        assertEquals("not_in_room", field(alice.next(), "code"));
    }

    @Test
    void a_user_s_typing_is_let_through_again_once_a_second_has_passed_and_anew_after_leaving() {
        var gate = new TypingGate();

        assertTrue(gate.due("alice", 0));
        assertFalse(gate.due("alice", TypingGate.INTERVAL_NANOS - 1));
        assertTrue(gate.due("bob", 1), "each user for itself");
        assertTrue(gate.due("alice", TypingGate.INTERVAL_NANOS));
        gate.forget("bob");
        assertTrue(gate.due("bob", 2));
    }

    private static ClientMessage typing(String room) {
        return new ClientMessage("typing", null, room, null, null);
    }
}
