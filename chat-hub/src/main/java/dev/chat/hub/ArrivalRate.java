package dev.chat.hub;

/**
 * How many messages one client has been getting per write interval lately: a count of what its writer took, each
 * message weighing less as it ages, by {@code e} every {@link #WINDOW} intervals. Kept by the writer alone.
 *
 * <p>Whether a client is busy is read from this rate, not from the size of its last write: a write's size depends on
 * whether the writer waited before it, so a rule on sizes holds a client of 100 messages a second in the waiting mode
 * forever (each 20 ms wait gathers two, which looks busy), and one of 300 out of it (each write at once carries one).
 */
final class ArrivalRate {

    /** Over how many intervals the rate is taken: enough that a few messages close together do not make it busy. */
    static final int WINDOW = 10;

    private final double decayNanos;
    private double weight;
    private long lastNanos;

    /** With an interval of 0 nothing is ever waited for, so nothing is counted and the rate stays 0. */
    ArrivalRate(long intervalNanos) {
        this.decayNanos = (double) intervalNanos * WINDOW;
    }

    /** Counts {@code messages} taken at {@code nowNanos}, which never goes back. */
    void taken(int messages, long nowNanos) {
        if (decayNanos == 0) {
            return;
        }
        weight = weight * Math.exp((lastNanos - nowNanos) / decayNanos) + messages;
        lastNanos = nowNanos;
    }

    /** Messages per interval, averaged over about the last {@link #WINDOW} intervals as of the last count. */
    double perInterval() {
        return weight / WINDOW;
    }
}
