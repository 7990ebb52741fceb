package dev.chat.loadtest;

import org.HdrHistogram.Histogram;

/**
 * One phase, added up over receivers and senders.
 *
 * @param sent       probes the senders sent in the phase
 * @param received   distinct probes received, over all receivers
 * @param duplicates probes received again by the same receiver
 * @param outOfOrder probes that arrived after a later one from the same sender
 * @param latency    every distinct probe's latency, in microseconds
 */
record Tally(long sent, long received, long duplicates, long outOfOrder, Histogram latency) {

    static Tally empty() {
        return new Tally(0, 0, 0, 0, new Histogram(3));
    }

    Tally plus(Tally other) {
        var merged = latency.copy();
        merged.add(other.latency);
        return new Tally(sent + other.sent, received + other.received, duplicates + other.duplicates,
                outOfOrder + other.outOfOrder, merged);
    }
}
