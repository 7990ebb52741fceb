package dev.chat.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next reconnect: "full jitter", anywhere from nothing to {@code base * 2^attempt}, at
 * most {@code cap}, so that clients a server dropped together do not all come back at once.
 */
record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Math::random);

    Duration wait(int attempt) {
        double ceiling = Math.min(cap.toMillis(), base.toMillis() * Math.pow(2, Math.min(attempt, 30)));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
}
