package dev.chat.hub;

/** At most so many a second, counted in fixed one-second windows; for one connection's frames of one kind. */
final class PerSecond {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int limit;
    private long windowStart;
    private int taken;
    private boolean started;

    PerSecond(int limit) {
        this.limit = limit;
    }

    /** True if one more fits in the second that {@code nowNanos} falls in; then it is counted. */
    synchronized boolean take(long nowNanos) {
        if (!started || nowNanos - windowStart >= SECOND_NANOS) {
            started = true;
            windowStart = nowNanos;
            taken = 0;
        }
        if (taken == limit) {
            return false;
        }
        taken++;
        return true;
    }
}
