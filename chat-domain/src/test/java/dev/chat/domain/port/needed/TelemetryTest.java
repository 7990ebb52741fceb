package dev.chat.domain.port.needed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.LatencySummary;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    @Test
    void without_a_metrics_library_every_timing_is_taken_and_forgotten_and_latency_reads_zero() {
        var none = Telemetry.NONE;

        none.delivered(1_000);
        none.handshake(2_000);
        none.stored(10, 3_000);

        assertEquals(new LatencySummary(0, 0, 0), none.deliveryLatency());
    }
}
