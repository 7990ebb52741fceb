package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.port.needed.Throttle;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's message budget: over it a message is refused, never dropped in silence, and a flood is closed. */
class ThrottleTest {

    private static final long WAIT_NANOS = 250_000_000;

    private final TrackingThreads threads = new TrackingThreads();
    /** Each budget lets two messages through, then asks for a wait until it is refilled. */
    private final AtomicInteger allowance = new AtomicInteger(2);
    private final Throttle twoAtATime = () -> () -> allowance.getAndDecrement() > 0 ? 0 : WAIT_NANOS;
    private final Hub hub = new Hub(HubSettings.defaults().withRoomLimits(new RoomLimits(20, 0, 100))
            .withThreads(threads).withThrottle(twoAtATime)).start();
    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void a_message_over_the_budget_is_refused_to_its_sender_with_when_to_retry() throws InterruptedException {
        var sender = hub.connect(HubFixture.ALICE, alice);
        hub.connect(HubFixture.BOB, bob);
        alice.next(3);
        bob.next(2);

        for (int i = 0; i < 3; i++) {
            sender.post(ClientMessage.chat("m" + i));
        }

        var toAlice = alice.next(3);
        assertEquals(List.of("m0", "m1"), List.of(field(toAlice.get(0), "content"), field(toAlice.get(1), "content")));
        assertEquals("rate_limited", field(toAlice.get(2), "code"));
        assertEquals("too many messages: retry in 250 ms", field(toAlice.get(2), "message"));
        assertEquals(List.of("m0", "m1"), bob.next(2).stream().map(json -> field(json, "content")).toList());

        allowance.set(1);
        sender.post(ClientMessage.chat("again"));
        assertEquals("again", field(bob.next(), "content"), "with budget again, messages go again");
    }

    @Test
    void a_client_that_keeps_sending_through_the_refusals_is_closed_with_1008() throws InterruptedException {
        var sender = hub.connect(HubFixture.ALICE, alice);
        allowance.set(0);

        for (int i = 0; i < ConnectedClient.REFUSALS_BEFORE_CLOSE + 5; i++) {
            sender.post(ClientMessage.chat("flood " + i));
        }

        assertEquals(CloseReason.RATE_LIMITED, alice.awaitClosed());
        assertEquals(1008, CloseReason.RATE_LIMITED.code());
        assertTrue(alice.drained().stream().noneMatch(json -> "chat".equals(field(json, "type"))));
        assertEquals(0, awaitClients(0));
    }

    private int awaitClients(int expected) {
        var deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (hub.clientCount() != expected) {
            assertTrue(System.nanoTime() < deadline, "the hub still counts " + hub.clientCount() + " clients");
            Thread.onSpinWait();
            Thread.yield();
        }
        return hub.clientCount();
    }
}
