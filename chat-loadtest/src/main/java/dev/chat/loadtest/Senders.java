package dev.chat.loadtest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The phase a loop's clients are measuring, and who among them sends its probes, when: each sender at the phase's
 * rate, their first probes offset so that the senders' probes are spread over the interval. Owned by its loop's
 * thread.
 */
final class Senders {

    private final Fleet.Counters counters;
    private final List<WsClient> sending = new ArrayList<>();
    private long intervalNanos;
    private int phase;
    private int senderCount;
    private List<Integer> senderIndexes = List.of();

    Senders(Fleet.Counters counters) {
        this.counters = counters;
    }

    /**
     * Every client counts probes of {@code newPhase} from now; those named in {@code senderIndexes} send them.
     *
     * @return how many of these clients send
     */
    int start(int newPhase, int senderCount, List<Integer> senderIndexes, double perSenderRate,
            List<WsClient> clients, long now) {
        phase = newPhase;
        this.senderCount = senderCount;
        this.senderIndexes = List.copyOf(senderIndexes);
        intervalNanos = perSenderRate > 0 ? (long) (1e9 / perSenderRate) : 0;
        sending.clear();
        for (var client : clients) {
            client.startPhase(newPhase, senderCount);
            int senderIndex = senderIndexes.indexOf(client.index);
            client.senderIndex = senderIndex;
            if (senderIndex >= 0 && intervalNanos > 0) {
                client.nextSendNanos = now + intervalNanos * senderIndex / Math.max(1, senderCount);
                sending.add(client);
            }
        }
        return sending.size();
    }

    /** A client back after a reconnection, where it left off: in the current phase, and sending if it did. */
    void rejoin(WsClient client, long now) {
        if (client.phase() != phase) {
            client.startPhase(phase, senderCount);
            client.senderIndex = senderIndexes.indexOf(client.index);
        }
        if (client.senderIndex >= 0 && intervalNanos > 0) {
            client.nextSendNanos = now;
            sending.add(client);
        }
    }

    void remove(WsClient client) {
        sending.remove(client);
    }

    void stop() {
        sending.clear();
    }

    /** Sends, through {@code send}, each probe due by {@code now}; a sender far behind starts again from now. */
    void due(long now, BiConsumer<WsClient, ByteBuffer> send) {
        for (int i = 0; i < sending.size(); i++) {
            var client = sending.get(i);
            if (client.nextSendNanos - now > 0) {
                continue;
            }
            if (now - client.nextSendNanos > 100 * intervalNanos) {
                client.nextSendNanos = now;
                counters.senderLag.increment();
            }
            var content = Probe.content(phase, client.senderIndex, client.sequence++, System.nanoTime());
            send.accept(client, Frames.text(client.room == null
                    ? "{\"type\":\"chat\",\"content\":\"" + content + "\"}"
                    : "{\"type\":\"chat\",\"room\":\"" + client.room + "\",\"content\":\"" + content + "\"}"));
            counters.sent.increment();
            client.nextSendNanos += intervalNanos;
        }
    }
}
