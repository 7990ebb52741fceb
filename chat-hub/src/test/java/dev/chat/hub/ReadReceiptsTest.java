package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Request;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read marks: a user marks a room read up to a message; every connection of the user is told, and the room's members
 * too unless receipts are the user's own; a mark never goes down; entering a room says how far the user has read.
 */
class ReadReceiptsTest {

    private final TrackingThreads threads = new TrackingThreads();
    private Hub hub;

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void a_read_reaches_every_connection_of_its_user_and_the_room_s_members_and_a_lower_one_nothing() throws Exception {
        start(ReadReceipts.ROOM);
        var bob = Tab.enter(hub, BOB, "dev");
        var bobElsewhere = Tab.enter(hub, BOB, "ops");
        var alice = Tab.enter(hub, ALICE, "dev");
        bob.next();
        alice.say("dev", "one");
        alice.say("dev", "two");
        bob.next();
        var two = bob.next();
        alice.next();
        alice.next();

        bob.client().post(read(field(two, "id")));
        bob.client().post(read("1"));
        alice.say("dev", "three");

        var receipt = "{\"type\":\"read\",\"room\":\"dev\",\"userId\":\"bob\",\"id\":\"" + field(two, "id") + "\"}";
        assertEquals(receipt, bob.next());
        assertEquals(receipt, bobElsewhere.next(), "a tab in another room hears it too");
        assertEquals(receipt, alice.next());
        assertEquals("three", field(alice.next(), "content"), "the lower mark was dropped without a word");
        assertEquals("three", field(bob.next(), "content"));
    }

    @Test
    void with_receipts_for_the_user_alone_the_room_hears_nothing() throws Exception {
        start(ReadReceipts.SELF);
        var bob = Tab.enter(hub, BOB, "dev");
        var alice = Tab.enter(hub, ALICE, "dev");
        bob.next();
        alice.say("dev", "one");
        var one = bob.next();
        alice.next();

        bob.client().post(read(field(one, "id")));
        alice.say("dev", "two");

        assertEquals("read", field(bob.next(), "type"));
        assertEquals("two", field(alice.next(), "content"));
    }

    @Test
    void entering_a_room_says_how_far_the_user_has_read_and_how_many_chats_of_others_are_unread() throws Exception {
        start(ReadReceipts.ROOM);
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "one");
        var one = alice.next();
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();
        bob.client().post(read(field(one, "id")));
        bob.next();
        bob.client().disconnect();
        alice.next();
        alice.say("dev", "two");
        alice.say("dev", "three");
        alice.next();
        alice.next();

        var back = Tab.open(hub, BOB, new Request.Subscribe("dev", null));

        var presence = back.next();
        assertTrue(presence.contains("\"lastRead\":\"" + field(one, "id") + "\",\"unread\":2,\"lastId\":\""),
                presence);
    }

    @Test
    void a_tab_entering_a_room_later_knows_the_mark_its_user_raised_meanwhile_in_another_tab() throws Exception {
        start(ReadReceipts.ROOM);
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "one");
        var one = alice.next();
        var bobElsewhere = Tab.enter(hub, BOB, "ops");
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();

        bob.client().post(read(field(one, "id")));
        bob.next();
        bobElsewhere.next();
        bobElsewhere.subscribe("dev");

        var presence = bobElsewhere.next();
        assertTrue(presence.contains("\"lastRead\":\"" + field(one, "id") + "\",\"unread\":0,"), presence);
    }

    @Test
    void a_user_s_marks_are_read_once_as_it_connects_and_not_again_for_each_room_it_enters() throws Exception {
        var asked = new AtomicInteger();
        var kept = new InMemoryReadMarks();
        start(ReadReceipts.ROOM, new ReadMarks() {
            @Override
            public boolean markRead(String userId, String room, long id) {
                return kept.markRead(userId, room, id);
            }

            @Override
            public Map<String, Long> byUser(String userId) {
                asked.incrementAndGet();
                return kept.byUser(userId);
            }
        });
        var bob = Tab.enter(hub, BOB, "dev");

        bob.subscribe("ops");
        bob.skipEntering();
        bob.subscribe("qa");
        bob.skipEntering();

        assertEquals(1, asked.get());
    }

    @Test
    void a_mark_past_the_room_s_last_message_stops_at_it() throws Exception {
        start(ReadReceipts.ROOM);
        var bob = Tab.enter(hub, BOB, "dev");

        bob.client().post(read("999999999999"));

        var receipt = bob.next();
        assertEquals("read", field(receipt, "type"));
        assertTrue(Long.parseLong(field(receipt, "id")) < 999_999_999_999L, receipt);
    }

    private void start(ReadReceipts receipts) {
        start(receipts, new InMemoryReadMarks());
    }

    private void start(ReadReceipts receipts, ReadMarks marks) {
        hub = new Hub(HubSettings.defaults().withRoomLimits(new RoomLimits(3, 10, 100)).withWriteInterval(Duration.ZERO)
                .withThreads(threads).withReadReceipts(receipts).withReadMarks(marks), new InMemoryMessageStore())
                .start();
    }

    private static ClientMessage read(String id) {
        return ClientMessage.about("read", "dev", id, null, null);
    }
}
