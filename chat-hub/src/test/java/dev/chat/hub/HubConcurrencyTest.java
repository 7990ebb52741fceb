package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many threads connect, post and disconnect at once. Every client connected throughout must receive every chat
 * message exactly once, each sender's messages in the order they were posted, and the counts must come out right.
 */
class HubConcurrencyTest {

    private static final int LISTENERS = 20;
    private static final int SENDERS = 8;
    private static final int MESSAGES_PER_SENDER = 500;
    private static final int CHURNERS = 4;
    private static final int CHURN_CYCLES = 250;

    private final TrackingThreads threads = new TrackingThreads();
    private final Hub hub = new Hub(HubSettings.defaults()
            .withSendQueueBytes(Integer.MAX_VALUE)
            .withThreads(threads)).start();

    @Test
    void every_listener_receives_every_message_once_and_in_each_senders_order() throws Exception {
        var listeners = connectListeners();
        var workers = new StartingLine();
        for (int s = 0; s < SENDERS; s++) {
            workers.add(sender(s));
        }
        for (int c = 0; c < CHURNERS; c++) {
            workers.add(churner(c));
        }

        workers.goAndAwaitAll();

        for (var listener : listeners) {
            assertEverySenderInOrder(listener);
        }
        hub.announce("all done");
        for (var listener : listeners) {
            assertEquals("all done", field(nextOfType(listener, "system"), "content"));
        }
        assertEquals(LISTENERS, hub.clientCount());
        var stats = hub.stats();
        var joins = LISTENERS + SENDERS + CHURNERS * CHURN_CYCLES;
        var leaves = SENDERS + CHURNERS * CHURN_CYCLES;
        assertEquals(joins + leaves + SENDERS * MESSAGES_PER_SENDER + 1, stats.messages());
        assertEquals(0, stats.dropped());

        hub.close();
        for (var listener : listeners) {
            assertEquals(CloseReason.GOING_AWAY, listener.awaitClosed());
        }
        threads.assertAllEnded();
        assertEquals(1 + LISTENERS + SENDERS + CHURNERS * CHURN_CYCLES, threads.created(),
                "one loop thread and one writer per connection, no more");
    }

    private List<RecordingConnection> connectListeners() {
        var listeners = new ArrayList<RecordingConnection>();
        for (int i = 0; i < LISTENERS; i++) {
            var connection = new RecordingConnection();
            hub.connect(new Identity("listener-" + i, "Listener " + i), connection);
            listeners.add(connection);
        }
        return listeners;
    }

    private Runnable sender(int s) {
        return () -> {
            var client = hub.connect(new Identity("sender-" + s, "Sender " + s), new RecordingConnection());
            for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                client.post(ClientMessage.chat(s + ":" + m));
            }
            client.disconnect();
        };
    }

    private Runnable churner(int c) {
        return () -> {
            for (int i = 0; i < CHURN_CYCLES; i++) {
                hub.connect(new Identity("churn-" + c + "-" + i, "Churn"), new RecordingConnection()).disconnect();
            }
        };
    }

    private static void assertEverySenderInOrder(RecordingConnection listener) throws InterruptedException {
        Map<Integer, Integer> nextExpected = new HashMap<>();
        for (int received = 0; received < SENDERS * MESSAGES_PER_SENDER; received++) {
            var parts = field(nextOfType(listener, "chat"), "content").split(":");
            int sender = Integer.parseInt(parts[0]);
            int sequence = Integer.parseInt(parts[1]);
            int expected = nextExpected.getOrDefault(sender, 0);
            assertEquals(expected, sequence, "sender " + sender + " out of order, duplicated or missing");
            nextExpected.put(sender, expected + 1);
        }
        for (int s = 0; s < SENDERS; s++) {
            assertEquals(MESSAGES_PER_SENDER, nextExpected.get(s));
        }
    }

    private static String nextOfType(RecordingConnection listener, String type) throws InterruptedException {
        while (true) {
            var text = listener.next();
            var actual = field(text, "type");
            if (actual.equals(type)) {
                return text;
            }
            assertTrue(List.of("presence", "join", "leave", "system").contains(actual), "unexpected " + text);
        }
    }
}
