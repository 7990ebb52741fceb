package dev.chat.loadtest;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The typing mix: every open client of a loop says it is typing once every interval, one after another so that the
 * signals are spread evenly over the interval rather than sent in bursts. Owned by its loop's thread.
 */
final class TypingMix {

    private final long intervalNanos;
    private long nextNanos;
    private int cursor;

    /** @param intervalNanos how often each client types; 0 for no typing */
    TypingMix(long intervalNanos) {
        this.intervalNanos = intervalNanos;
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
            send.accept(client, client.room == null ? "{\"type\":\"typing\"}"
                    : "{\"type\":\"typing\",\"room\":\"" + client.room + "\"}");
        }
    }
}
