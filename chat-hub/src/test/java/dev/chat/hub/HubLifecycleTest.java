package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.MessageIds;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A hub's life: starting once, waiting for a full inbox, surviving a failure, and closing, cleanly or not. */
class HubLifecycleTest extends HubFixture {

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
    void a_hub_with_the_default_store_numbers_rooms_from_its_clock_so_a_restart_reuses_no_id()
            throws InterruptedException {
        var restarted = new Hub(settings().withClock(Clock.fixed(NOW, ZoneOffset.UTC))).start();
        var connection = new RecordingConnection();

        restarted.connect(ALICE, connection);

        connection.next();
        assertEquals(String.valueOf(MessageIds.origin(NOW) + 1), field(connection.next(), "id"));
        restarted.close();
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
            var hardy = new Hub(settings().withClock(failOnce), new InMemoryMessageStore()).start();
            failOnce.arm();

            hardy.connect(ALICE, alice);
            hardy.announce("still here");

            assertEquals("still here", field(alice.next(), "content"), "entering failed on the clock; the loop went on");
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

    private static void awaitState(Thread thread, Thread.State state) {
        var deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (thread.getState() != state) {
            assertTrue(System.nanoTime() < deadline, thread + " never reached " + state);
            Thread.yield();
        }
    }
}
