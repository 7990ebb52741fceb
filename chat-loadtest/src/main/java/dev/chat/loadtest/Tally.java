package dev.chat.loadtest;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One phase, added up over receivers and senders.
 *
 * @param sentByRoom  probes the senders sent in the phase, by room number; with reconnections, those the server
 *                    took, which each sender knows by receiving its own, live or on resuming
 * @param received    distinct probes received, over all receivers
 * @param duplicates  probes received again by the same receiver
 * @param outOfOrder  probes that arrived after a later one from the same sender
 * @param unconfirmed with reconnections, probes written to a connection that closed before the server took them: the
 *                    close told the sender, and they are not counted as sent; otherwise 0
 * @param latency     every distinct probe's latency, in microseconds
 */
record Tally(long[] sentByRoom, long received, long duplicates, long outOfOrder, long unconfirmed,
        Histogram latency) {

    static Tally empty(int rooms) {
        return new Tally(new long[rooms], 0, 0, 0, 0, new Histogram(3));
    }

    /**
     * What these clients sent and received in the phase. With {@code sentIsEchoed}, a sender's probe counts as sent
     * once it came back to the sender, and the rest of what it wrote is unconfirmed.
     */
    static Tally of(List<WsClient> clients, int rooms, boolean sentIsEchoed, Histogram latency) {
        var sent = new long[rooms];
        long received = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long unconfirmed = 0;
        for (var client : clients) {
            var deliveries = client.deliveries();
            if (deliveries == null) {
                continue;
            }
            if (client.senderIndex >= 0) {
                long taken = sentIsEchoed ? deliveries.uniqueFrom(client.senderIndex) : client.sequence;
                sent[Targets.roomNumber(client.index, rooms)] += taken;
                unconfirmed += client.sequence - taken;
            }
            received += deliveries.unique();
            duplicates += deliveries.duplicates();
            outOfOrder += deliveries.outOfOrder();
        }
        return new Tally(sent, received, duplicates, outOfOrder, unconfirmed, latency);
    }

    long sent() {
        return Arrays.stream(sentByRoom).sum();
    }

    /** Every probe should reach every client in its sender's room. */
    long expected(long[] membersByRoom) {
        long expected = 0;
        for (int room = 0; room < sentByRoom.length; room++) {
            expected += sentByRoom[room] * membersByRoom[room];
        }
        return expected;
    }

    Tally plus(Tally other) {
        var merged = latency.copy();
        merged.add(other.latency);
        var sent = sentByRoom.clone();
        for (int room = 0; room < sent.length; room++) {
            sent[room] += other.sentByRoom[room];
        }
        return new Tally(sent, received + other.received, duplicates + other.duplicates,
                outOfOrder + other.outOfOrder, unconfirmed + other.unconfirmed, merged);
    }
}
