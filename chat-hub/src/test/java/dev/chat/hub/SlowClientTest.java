package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that falls further behind than its send queue allows: it is closed with 4008, what it received before
 * has no gap, and nobody else notices.
 */
class SlowClientTest {

    private static final Identity ALICE = new Identity("user123", "Alice");
    private static final Identity BOB = new Identity("user456", "Bob");

    private final TrackingThreads threads = new TrackingThreads();
    private final RecordingConnection alice = new RecordingConnection();

    /** One room, no history on entering, so that each test starts from quiet clients. */
    private HubSettings settings() {
        return HubSettings.defaults().withRoomLimits(new RoomLimits(20, 0, 100)).withThreads(threads);
    }

    @AfterEach
    void noThreadIsLeft() throws InterruptedException {
        threads.assertAllEnded();
    }

    @Test
    void a_client_that_falls_behind_its_send_queue_is_closed_as_too_slow_and_the_others_are_not_held_up()
            throws InterruptedException {
        var small = new Hub(settings().withSendQueueBytes(2_000)).start();
        var stuck = new RecordingConnection().stalled();
        var reader = new RecordingConnection();
        small.connect(new Identity("stuck", "Stuck"), stuck);
        stuck.awaitSendEntered();
        var readerClient = small.connect(BOB, reader);
        reader.next(2);

        var padding = "x".repeat(100);
        var seen = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            readerClient.post(ClientMessage.chat(i + padding));
            assertEquals(i + padding, nextContent(reader, "chat", seen), "the reader is never held up");
        }

        assertEquals(CloseReason.TOO_SLOW, stuck.awaitClosed());
        if (!seen.contains("Stuck left")) {
            assertEquals("Stuck left", nextContent(reader, "leave", seen));
        }
        var stats = small.stats();
        assertEquals(1, stats.clients());
        assertEquals(1, stats.closedTooSlow());
        assertEquals(0, stats.closedSendFailed());
        assertTrue(stats.dropped() >= 1, "at least the message that did not fit was counted: " + stats);
        stuck.resume();
        small.close();
    }

    @Test
    void what_a_slow_client_receives_before_it_is_closed_has_no_gap() throws InterruptedException {
        var small = new Hub(settings().withSendQueueBytes(3_000)).start();
        var slow = new RecordingConnection();
        var poster = small.connect(ALICE, alice);
        alice.next(2);
        small.connect(new Identity("slow", "Slow"), slow);
        slow.next(2);
        alice.next();
        var padding = "y".repeat(100);
        for (int i = 0; i < 5; i++) {
            poster.post(ClientMessage.chat(i + padding));
            assertEquals(i + padding, field(slow.next(), "content"));
        }

        slow.stalled();
        poster.post(ClientMessage.chat(5 + padding));
        slow.awaitSendEntered();
        for (int i = 6; i < 60; i++) {
            poster.post(ClientMessage.chat(i + padding));
            // Paced by the poster's own echo: its queue is as small as the slow one's, and must not overflow too.
            awaitChat(alice, i + padding);
        }
        assertEquals(CloseReason.TOO_SLOW, slow.awaitClosed());
        var firstAfterTheStall = slow.next();
        small.close();

        var received = new ArrayList<>(List.of(firstAfterTheStall));
        received.addAll(slow.drained());
        var contents = received.stream().map(json -> field(json, "content")).toList();
        for (int i = 0; i < contents.size(); i++) {
            assertEquals((5 + i) + padding, contents.get(i), "what it received after the first five: " + contents);
        }
    }

    /** Reads until the chat with this content, which must come. */
    private static void awaitChat(RecordingConnection connection, String content) throws InterruptedException {
        var json = connection.next();
        while (!"chat".equals(field(json, "type")) || !content.equals(field(json, "content"))) {
            json = connection.next();
        }
    }

    /** The content of the next message of that type; the contents of those skipped on the way go into skipped. */
    private static String nextContent(RecordingConnection connection, String type, List<String> skipped)
            throws InterruptedException {
        for (var json = connection.next(); ; json = connection.next()) {
            if (field(json, "type").equals(type)) {
                return field(json, "content");
            }
            skipped.add(field(json, "content"));
        }
    }
}
