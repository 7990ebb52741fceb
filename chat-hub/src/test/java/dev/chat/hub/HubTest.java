package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubTest {

    private static final Instant NOW = Instant.parse("2025-12-30T10:30:00.123456Z");
    private static final Identity ALICE = new Identity("user123", "Alice");
    private static final Identity BOB = new Identity("user456", "Bob");

    private final TrackingThreads threads = new TrackingThreads();
    private final Hub hub = new Hub(settings().withClock(Clock.fixed(NOW, ZoneOffset.UTC))).start();

    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();
    private Client aliceClient;
    private Client bobClient;

    /** These tests are about one room; the history a newcomer is sent is tested with the rooms. */
    private HubSettings settings() {
        return HubSettings.defaults().withRoomLimits(new RoomLimits(20, 0, 100)).withThreads(threads);
    }

    /** Connects Alice, then Bob, and reads what entering sent them, so that each test starts from quiet ones. */
    private void connectAliceAndBob() throws InterruptedException {
        aliceClient = hub.connect(ALICE, alice);
        bobClient = hub.connect(BOB, bob);
        assertEquals(List.of("presence", "join", "join"), types(alice.next(3)));
        assertEquals(List.of("presence", "join"), types(bob.next(2)));
    }

    private static List<String> types(List<String> messages) {
        return messages.stream().map(json -> field(json, "type")).toList();
    }

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void a_newcomer_and_everyone_already_there_receive_its_join() throws InterruptedException {
        hub.connect(ALICE, alice);
        alice.next(2);
        hub.connect(BOB, bob);

        var expected = """
                {"type":"join","room":"global","id":"2","userId":"user456","username":"Bob","content":"Bob joined","timestamp":"2025-12-30T10:30:00.123Z"}""";
        assertEquals(expected, alice.next());
        assertEquals("""
                {"type":"presence","room":"global","count":2,"users":[{"userId":"user123","username":"Alice"},{"userId":"user456","username":"Bob"}]}""",
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
        assertEquals(new HubStats(0, 5, 0, 0, 0), awaitStats(5),
                "two joins, two leaves and the announcement; Alice's leave went into the empty room's history");
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

    @Test
    void closing_delivers_what_is_queued_then_closes_every_connection_as_going_away() throws InterruptedException {
        var slow = new RecordingConnection().stalled();
        var slowClient = hub.connect(ALICE, slow);
        slow.awaitSendEntered();
        slowClient.post(ClientMessage.chat("last words"));
        awaitStats(2);

        Thread.ofVirtual().start(slow::resume);
        hub.close();

        assertEquals(CloseReason.GOING_AWAY, slow.awaitClosed());
        assertEquals(3, slow.receivedBeforeClose(), "everything was written before the close");
        assertEquals(List.of("presence", "join", "chat"), types(slow.next(3)));
    }

    @Test
    void a_connection_that_will_not_take_its_last_messages_is_cut_off_at_the_shutdown_timeout()
            throws InterruptedException {
        var impatient = new Hub(settings().withShutdownTimeout(Duration.ofMillis(200))).start();
        var stuck = new RecordingConnection().stalled();
        impatient.connect(ALICE, stuck);
        stuck.awaitSendEntered();

        impatient.close();

        assertEquals(CloseReason.GOING_AWAY, stuck.awaitClosed());
    }

    @Test
    void a_connection_made_after_closing_is_closed_as_going_away() throws InterruptedException {
        hub.close();
        var late = new RecordingConnection();

        hub.connect(ALICE, late);

        assertEquals(CloseReason.GOING_AWAY, late.awaitClosed());
        assertEquals(0, hub.clientCount());
    }

    @Test
    void a_connection_made_before_start_is_closed_if_the_hub_closes_without_starting() throws InterruptedException {
        var unstarted = new Hub(settings());
        var early = new RecordingConnection();
        unstarted.connect(ALICE, early);

        unstarted.close();

        assertEquals(CloseReason.GOING_AWAY, early.awaitClosed());
    }

    @Test
    void a_hub_starts_only_once() {
        assertThrows(IllegalStateException.class, hub::start);
    }

    @Test
    void a_posting_client_waits_while_the_inbox_is_full_and_nothing_is_lost() throws InterruptedException {
        var unstarted = new Hub(settings().withBroadcastQueueSize(2));
        var waiter = unstarted.connect(ALICE, alice);
        var poster = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 3; i++) {
                waiter.post(ClientMessage.chat("m" + i));
            }
        });
        awaitState(poster, Thread.State.WAITING);

        unstarted.start();

        poster.join();
        assertEquals(List.of("presence", "join"), types(alice.next(2)));
        for (int i = 0; i < 3; i++) {
            assertEquals("m" + i, field(alice.next(), "content"));
        }
        unstarted.close();
    }

    @Test
    void a_failure_inside_the_loop_is_reported_and_the_loop_carries_on() throws InterruptedException {
        var failOnce = new FailingOnceClock(NOW);
        try (var log = CapturedLog.of(EventLoop.class)) {
            var hardy = new Hub(settings().withClock(failOnce)).start();

            hardy.connect(ALICE, alice);
            hardy.announce("still here");

            assertEquals("presence", field(alice.next(), "type"));
            assertEquals("still here", field(alice.next(), "content"), "the join failed on the clock; the loop went on");
            assertTrue(failOnce.failed());
            hardy.close();
            var reported = log.records().getFirst();
            assertEquals(Level.SEVERE, reported.getLevel());
            assertTrue(reported.getMessage().startsWith("hub could not handle Connect"), reported.getMessage());
        }
    }

    @Test
    void closing_twice_is_harmless() {
        hub.close();
        hub.close();
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private HubStats awaitStats(long messages) throws InterruptedException {
        var deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (hub.stats().messages() < messages) {
            assertTrue(System.nanoTime() < deadline, "hub did not reach " + messages + " messages");
            Thread.onSpinWait();
            Thread.yield();
        }
        return hub.stats();
    }

    private static void awaitState(Thread thread, Thread.State state) {
        var deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (thread.getState() != state) {
            assertTrue(System.nanoTime() < deadline, thread + " never reached " + state);
            Thread.yield();
        }
    }
}
