package dev.chat.loadtest;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A mix of advisory signals: every open client of a loop sends one once every interval, one after another so that
 * the signals are spread evenly over the interval rather than sent in bursts. The typing mix says each client is
 * typing; the reading mix marks its room read up to the last message it saw. Owned by its loop's thread.
 */
final class SignalMix {

    private final long intervalNanos;
    private final Function<WsClient, String> frameOf;
    private long nextNanos;
    private int cursor;

    /**
     * @param intervalNanos how often each client sends one; 0 for never
     * @param frameOf       the client's signal now; null to skip it this time
     */
    private SignalMix(long intervalNanos, Function<WsClient, String> frameOf) {
        this.intervalNanos = intervalNanos;
        this.frameOf = frameOf;
    }

    static SignalMix typing(long intervalNanos) {
        return new SignalMix(intervalNanos, client -> client.room == null ? "{\"type\":\"typing\"}"
                : "{\"type\":\"typing\",\"room\":\"" + client.room + "\"}");
    }

    /** Needs the loop to keep each client's last id; a client that has seen no message yet skips its turn. */
    static SignalMix reading(long intervalNanos) {
        return new SignalMix(intervalNanos, client -> client.lastId() <= 0 ? null : read(client.room, client.lastId()));
    }

    /** A read mark up to {@code id}, in the room, or in the connection's only room if null. */
    static String read(String room, long id) {
        return room == null ? "{\"type\":\"read\",\"id\":\"" + id + "\"}"
                : "{\"type\":\"read\",\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
    }

    boolean enabled() {
        return intervalNanos > 0;
    }

    /**
     * Sends what is due by {@code now}, through {@code send}, at the pace of the clients open now; a loop that fell
     * behind skips ahead rather than bursts.
     */
    void due(long now, List<WsClient> open, BiConsumer<WsClient, String> send) {
        if (intervalNanos == 0 || open.isEmpty()) {
            return;
        }
        long gap = Math.max(1, intervalNanos / open.size());
        if (now - nextNanos > intervalNanos || nextNanos - now > gap) {
            // Behind by a whole round, or due later than the gap of clients that have since connected: from now.
            nextNanos = now;
        }
        for (; now - nextNanos >= 0; nextNanos += gap) {
            var client = open.get(cursor++ % open.size());
            var frame = frameOf.apply(client);
            if (frame != null) {
                send.accept(client, frame);
            }
        }
    }
}
