package dev.chat.adapter.bucket4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class Bucket4jThrottleTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Bucket4jThrottle fivePerSecondBurstTen = new Bucket4jThrottle(5, 10, new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void a_new_connection_may_send_its_burst_at_once_then_waits_for_the_refill() {
        var budget = fivePerSecondBurstTen.newBudget();

        for (int i = 0; i < 10; i++) {
            assertEquals(0, budget.take(), "message " + i + " of the burst");
        }
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), budget.take(), "one message per 200 ms at 5 a second");
    }

    @Test
    void the_budget_refills_with_time_up_to_the_burst() {
        var budget = fivePerSecondBurstTen.newBudget();
        for (int i = 0; i < 10; i++) {
            budget.take();
        }

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));

        assertEquals(0, budget.take());
        assertEquals(0, budget.take());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), budget.take());
    }

    @Test
    void every_connection_has_a_budget_of_its_own() {
        var first = fivePerSecondBurstTen.newBudget();
        for (int i = 0; i < 10; i++) {
            first.take();
        }

        assertEquals(0, fivePerSecondBurstTen.newBudget().take());
    }

    @Test
    void on_the_system_clock_a_fresh_budget_lets_a_message_through() {
        assertEquals(0, new Bucket4jThrottle(5, 10).newBudget().take());
    }

    @Test
    void a_rate_or_burst_below_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Bucket4jThrottle(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Bucket4jThrottle(5, 0));
    }
}
