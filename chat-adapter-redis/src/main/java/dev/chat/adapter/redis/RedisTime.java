package dev.chat.adapter.redis;

import java.util.concurrent.TimeUnit;

/**
 * What Redis's clock said, in milliseconds, at a moment of this node's monotonic clock: Redis's time now follows
 * from it whatever this node's own wall clock does.
 */
record RedisTime(long millis, long atNanos) {

    /** Before the first heartbeat: no deadline. */
    static final RedisTime UNKNOWN = new RedisTime(Long.MAX_VALUE / 2, System.nanoTime());

    /** Read at {@code atNanos}, half-way between the question and its answer. */
    static RedisTime read(long millis, long askedNanos, long answeredNanos) {
        return new RedisTime(millis, askedNanos + (answeredNanos - askedNanos) / 2);
    }

    long now() {
        return millis + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos);
    }
}
