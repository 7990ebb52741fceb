package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.HubStats;
import dev.chat.domain.MessageType;
import dev.chat.domain.Rejection;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubTest extends HubFixture {

    @Test
    void a_newcomer_and_everyone_already_there_receive_its_join() throws InterruptedException {
        hub.connect(ALICE, alice);
        alice.next(2);
        hub.connect(BOB, bob);

        var expected = """
                {"type":"join","room":"global","id":"2","userId":"user456","username":"Bob","content":"Bob joined","timestamp":"2025-12-30T10:30:00.123Z"}""";
        assertEquals(expected, alice.next());
        assertEquals("""
                {"type":"presence","room":"global","count":2,"users":[{"userId":"user123","username":"Alice"},{"userId":"user456","username":"Bob"}],"lastRead":"0","unread":0,"lastId":"1"}""",
                bob.next(), "who is there comes first");
        assertEquals(expected, bob.next());
    }

    @Test
    void a_chat_reaches_everyone_stamped_with_the_senders_identity_and_the_hubs_time() throws InterruptedException {
        connectAliceAndBob();

        aliceClient.post(ClientMessage.chat("Hello world"));

        var expected = """
                {"type":"chat","room":"global","id":"3","userId":"user123","username":"Alice","content":"Hello world","timestamp":"2025-12-30T10:30:00.123Z"}""";
        assertEquals(expected, alice.next());
        assertEquals(expected, bob.next());
    }

    @Test
    void an_invalid_message_is_answered_to_its_sender_only_and_nothing_is_broadcast() throws InterruptedException {
        connectAliceAndBob();

        aliceClient.post(ClientMessage.chat(" "));
        bobClient.post(ClientMessage.chat("after"));

        assertEquals("""
                {"type":"error","code":"content_empty","message":"content must not be empty"}""", alice.next());
        assertEquals("after", field(alice.next(), "content"));
        assertEquals("after", field(bob.next(), "content"), "bob never saw alice's invalid message");
    }

    @Test
    void a_rejection_from_the_transport_goes_to_that_client_only() throws InterruptedException {
        connectAliceAndBob();

        aliceClient.reject(new Rejection(ErrorCode.INVALID_JSON, "message is not valid JSON"));
        bobClient.post(ClientMessage.chat("after"));

        assertEquals("invalid_json", field(alice.next(), "code"));
        assertEquals("after", field(bob.next(), "content"));
    }

    @Test
    void a_disconnect_is_announced_to_the_others_as_a_leave() throws InterruptedException {
        connectAliceAndBob();

        bobClient.disconnect();

        assertEquals("""
                {"type":"leave","room":"global","id":"3","userId":"user456","username":"Bob","content":"Bob left","timestamp":"2025-12-30T10:30:00.123Z"}""",
                alice.next());
    }

    @Test
    void the_client_count_follows_connects_and_disconnects() throws InterruptedException {
        connectAliceAndBob();
        assertEquals(2, hub.clientCount());

        bobClient.disconnect();
        bobClient.disconnect();
        alice.next();

        assertEquals(1, hub.clientCount());
        aliceClient.disconnect();
        hub.announce("sync");
        var byType = Map.of(MessageType.CHAT, 0L, MessageType.SYSTEM, 1L, MessageType.JOIN, 2L, MessageType.LEAVE, 2L,
                MessageType.DIRECT, 0L, MessageType.EDIT, 0L, MessageType.DELETE, 0L, MessageType.REACT, 0L,
                MessageType.UNREACT, 0L);
        assertEquals(new HubStats(0, 5, 0, 0, 0, 0, 0, 4, byType, 0), awaitStats(5),
                "two joins, two leaves and the announcement; delivered to Alice, to both, to Alice, to nobody, to"
                        + " nobody, since Alice's leave went into the empty room's history");
    }

    @Test
    void an_announcement_reaches_everyone_as_a_system_message() throws InterruptedException {
        hub.connect(ALICE, alice);
        alice.next(2);

        hub.announce("maintenance at noon");

        assertEquals("""
                {"type":"system","userId":"","username":"","content":"maintenance at noon","timestamp":"2025-12-30T10:30:00.123Z"}""",
                alice.next());
    }

    @Test
    void a_busy_client_gets_everything_that_queued_up_in_one_send() throws InterruptedException {
        var busy = new RecordingConnection().stalled();
        var busyClient = hub.connect(ALICE, busy);
        busy.awaitSendEntered();
        for (int i = 0; i < 5; i++) {
            busyClient.post(ClientMessage.chat("m" + i));
        }
        awaitStats(6);

        busy.resume();

        assertEquals(List.of("presence", "join"), types(busy.next(2)));
        for (int i = 0; i < 5; i++) {
            assertEquals("m" + i, field(busy.next(), "content"));
        }
        assertEquals(2, busy.sendCalls(), "the first write, then one for everything that queued behind it");
    }

    @Test
    void a_connection_that_fails_is_closed_and_the_others_are_told_it_left() throws InterruptedException {
        var broken = new RecordingConnection().failing();
        hub.connect(ALICE, alice);
        hub.connect(BOB, broken);

        assertEquals(CloseReason.SEND_FAILED, broken.awaitClosed());
        assertEquals(List.of("presence", "join", "join", "leave"), types(alice.next(4)));
        assertEquals(1, hub.clientCount());
    }
}
