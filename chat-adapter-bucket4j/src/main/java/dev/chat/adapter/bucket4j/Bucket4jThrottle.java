package dev.chat.adapter.bucket4j;

import dev.chat.domain.port.needed.Throttle;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A token bucket per connection, from Bucket4j: {@code burst} messages at once, refilled at {@code perSecond}, the
 * way the original server's later version limits each connection (5 a second, bursts of 10).
 */
public final class Bucket4jThrottle implements Throttle {

    private final int perSecond;
    private final int burst;
    private final TimeMeter time;

    public Bucket4jThrottle(int perSecond, int burst) {
        this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
    }

    Bucket4jThrottle(int perSecond, int burst, TimeMeter time) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a rate and a burst of at least 1, not " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = time;
    }

    @Override
    public Budget newBudget() {
        var bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
        return () -> {
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
        };
    }
}
