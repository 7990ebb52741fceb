package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.port.offered.Client;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The hub tests' hub, on a fixed clock and tracked threads, with Alice's and Bob's connections; its store numbers
 * every room from 1, so that the messages expected read as the protocol guide shows them.
 */
abstract class HubFixture {

    static final Instant NOW = Instant.parse("2025-12-30T10:30:00.123456Z");
    static final Identity ALICE = new Identity("user123", "Alice");
    static final Identity BOB = new Identity("user456", "Bob");

    final TrackingThreads threads = new TrackingThreads();
    final Hub hub = new Hub(settings().withClock(Clock.fixed(NOW, ZoneOffset.UTC)), new InMemoryMessageStore()).start();

    final RecordingConnection alice = new RecordingConnection();
    final RecordingConnection bob = new RecordingConnection();
    Client aliceClient;
    Client bobClient;

    /** These tests are about one room; the history a newcomer is sent is tested with the rooms. */
    HubSettings settings() {
        return HubSettings.defaults().withRoomLimits(new RoomLimits(20, 0, 100)).withThreads(threads);
    }

    /** Connects Alice, then Bob, and reads what entering sent them, so that each test starts from quiet ones. */
    void connectAliceAndBob() throws InterruptedException {
        aliceClient = hub.connect(ALICE, alice);
        bobClient = hub.connect(BOB, bob);
        assertEquals(List.of("presence", "join", "join"), types(alice.next(3)));
        assertEquals(List.of("presence", "join"), types(bob.next(2)));
    }

    static List<String> types(List<String> messages) {
        return messages.stream().map(json -> field(json, "type")).toList();
    }

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    HubStats awaitStats(long messages) throws InterruptedException {
        var deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (hub.stats().messages() < messages) {
            assertTrue(System.nanoTime() < deadline, "hub did not reach " + messages + " messages");
            Thread.onSpinWait();
            Thread.yield();
        }
        return hub.stats();
    }
}
