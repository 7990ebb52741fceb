package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;

/** One connection to a hub, as the room tests drive it: what it receives, and what it asks for. */
record Tab(RecordingConnection received, Client client) {

    /** Connects; without a first room the connection is in the hub's default room. */
    static Tab open(Hub hub, Identity who, Request.Subscribe firstRoom) {
        var connection = new RecordingConnection();
        var client = firstRoom == null ? hub.connect(who, connection) : hub.connect(who, connection, firstRoom);
        return new Tab(connection, client);
    }

    /** A user's first connection in the room: reads who is there and any history, up to its own join. */
    static Tab enter(Hub hub, Identity who, String room) throws InterruptedException {
        var tab = open(hub, who, new Request.Subscribe(room, null));
        assertEquals("presence", field(tab.next(), "type"));
        for (var message = tab.next(); !isJoinOf(message, room, who); message = tab.next()) {
            assertTrue(field(message, "id") != null, "only history comes before the join: " + message);
        }
        return tab;
    }

    /** Another connection of a user already in the room: it is told who is there, and not announced. */
    static Tab enterAgain(Hub hub, Identity who, String room) throws InterruptedException {
        var tab = open(hub, who, new Request.Subscribe(room, null));
        assertEquals("presence", field(tab.next(), "type"));
        return tab;
    }

    static void assertJoin(String message, String room, String userId) {
        assertEquals("join", field(message, "type"), message);
        assertEquals(room, field(message, "room"));
        assertEquals(userId, field(message, "userId"));
    }

    String next() throws InterruptedException {
        return received.next();
    }

    void say(String room, String content) {
        client.post(new ClientMessage("chat", content, room, null, null));
    }

    /** Says m1 to m{@code count} in its only room, reading each back before saying the next. */
    void sayNumbered(int count) throws InterruptedException {
        for (int i = 1; i <= count; i++) {
            say(null, "m" + i);
            next();
        }
    }

    void subscribe(String room) {
        client.post(new ClientMessage("subscribe", null, room, null, null));
    }

    void unsubscribe(String room) {
        client.post(new ClientMessage("unsubscribe", null, room, null, null));
    }

    void direct(String to, String content) {
        client.post(new ClientMessage("direct", content, null, to, null));
    }

    /** Reads the presence message and this connection's join in the room it just subscribed to. */
    void skipEntering() throws InterruptedException {
        var presence = next();
        assertEquals("presence", field(presence, "type"), presence);
        assertJoin(next(), field(presence, "room"), client.identity().userId());
    }

    private static boolean isJoinOf(String message, String room, Identity who) {
        return "join".equals(field(message, "type")) && room.equals(field(message, "room"))
                && who.userId().equals(field(message, "userId"));
    }
}
