package dev.chat.domain.port.needed;

import dev.chat.domain.LatencySummary;

/**
 * The port the core and its adapters report timings to, for an operator's dashboards: a metrics library behind it
 * keeps them as histograms. Counts the hub keeps anyway (connections, messages, drops) are not reported here; a
 * metrics adapter reads them when it is scraped, so the broadcast path pays for nothing twice.
 *
 * <p>Threading: every method may be called from any thread, and must return at once; the hub's loop calls
 * {@link #delivered} once per message a user posts.
 */
public interface Telemetry {

    /** Records nothing, and summarises nothing. */
    Telemetry NONE = new Telemetry() {};

    /** A user's message reached every recipient's send queue, {@code nanos} after the hub accepted it. */
    default void delivered(long nanos) {}

    /** A WebSocket handshake was answered, accepted or refused, {@code nanos} after it arrived. */
    default void handshake(long nanos) {}

    /** The store committed a batch of {@code messages} in {@code nanos}. */
    default void stored(int messages, long nanos) {}

    /** The recent {@link #delivered} latencies; all zero when nothing records them. */
    default LatencySummary deliveryLatency() {
        return LatencySummary.NONE;
    }
}
