package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate a writer reads to tell a busy client, with the 20 ms interval of the default settings. */
class ArrivalRateTest {

    private static final long INTERVAL = Duration.ofMillis(20).toNanos();

    private final ArrivalRate rate = new ArrivalRate(INTERVAL);
    private long now = 1_000_000_000L;

    @Test
    void a_steady_stream_is_measured_as_its_messages_per_interval() {
        takeEvery(Duration.ofMillis(10), 1, 200);
        assertEquals(2.0, rate.perInterval(), 0.15, "100 messages a second are two per 20 ms");
    }

    @Test
    void the_rate_does_not_depend_on_how_the_messages_were_grouped_into_writes() {
        takeEvery(Duration.ofMillis(20), 2, 100);
        double gatheredInPairs = rate.perInterval();
        var single = new ArrivalRate(INTERVAL);
        for (int i = 0; i < 200; i++) {
            now += Duration.ofMillis(10).toNanos();
            single.taken(1, now);
        }
        assertEquals(single.perInterval(), gatheredInPairs, 0.15);
    }

    @Test
    void a_burst_counts_at_once_and_fades_once_the_client_goes_quiet() {
        rate.taken(100, now);
        assertEquals(100.0 / ArrivalRate.WINDOW, rate.perInterval(), 1e-9);
        now += INTERVAL * ArrivalRate.WINDOW * 3;
        rate.taken(1, now);
        assertTrue(rate.perInterval() < 1, "three windows later the burst weighs little: " + rate.perInterval());
    }

    @Test
    void with_no_write_interval_the_rate_stays_zero_since_nothing_would_wait() {
        var unpaced = new ArrivalRate(0);
        unpaced.taken(1_000, now);
        assertEquals(0.0, unpaced.perInterval());
    }

    private void takeEvery(Duration gap, int messages, int times) {
        for (int i = 0; i < times; i++) {
            now += gap.toNanos();
            rate.taken(messages, now);
        }
    }
}
