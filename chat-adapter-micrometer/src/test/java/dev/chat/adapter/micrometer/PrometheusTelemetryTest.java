package dev.chat.adapter.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.HubStats;
import dev.chat.domain.MessageType;
import java.lang.ref.WeakReference;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PrometheusTelemetryTest {

    private final PrometheusTelemetry telemetry = new PrometheusTelemetry();

    @Test
    void the_page_is_prometheus_text_with_the_hubs_counts_read_when_it_is_rendered() {
        var clients = new AtomicInteger(3);
        telemetry.observeHub(() -> stats(clients.get()));
        telemetry.gauge("chat.store.queue.length", "messages waiting for the disk", () -> 7);
        telemetry.counter("chat.store.write.failures", "messages the store could not keep", () -> 2L);

        var before = PrometheusText.samples(telemetry.render());
        clients.set(5);
        collectGarbageAtLeastOnce();
        var after = PrometheusText.samples(telemetry.render());

        assertEquals(3.0, before.get("chat_connections"));
        assertEquals(5.0, after.get("chat_connections"), "read at every render");
        assertEquals(2.0, after.get("chat_users"));
        assertEquals(4.0, after.get("chat_rooms"));
        assertEquals(11.0, after.get("chat_messages_total{type=\"chat\"}"));
        assertEquals(1.0, after.get("chat_messages_total{type=\"join\"}"));
        assertEquals(40.0, after.get("chat_deliveries_total"));
        assertEquals(6.0, after.get("chat_dropped_total"));
        assertEquals(1.0, after.get("chat_slow_clients_closed_total"));
        assertEquals(0.0, after.get("chat_send_failures_total"));
        assertEquals(9.0, after.get("chat_inbox_depth"));
        assertEquals(7.0, after.get("chat_store_queue_length"));
        assertEquals(2.0, after.get("chat_store_write_failures_total"));
    }

    @Test
    void latencies_are_histograms_with_buckets_a_count_and_a_sum_and_delivery_percentiles_summarise_them() {
        LongStream.rangeClosed(1, 100).forEach(ms -> telemetry.delivered(ms * 1_000_000));
        telemetry.handshake(2_000_000);
        telemetry.stored(250, 5_000_000);

        var samples = PrometheusText.samples(telemetry.render());

        assertEquals(100.0, samples.get("chat_delivery_latency_seconds_count"));
        assertEquals(5.05, samples.get("chat_delivery_latency_seconds_sum"), 1e-9);
        assertEquals(100.0, samples.get("chat_delivery_latency_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(samples.keySet().stream().filter(name -> name.startsWith("chat_delivery_latency_seconds_bucket"))
                .count() > 10, "a bucket per range");
        assertEquals(1.0, samples.get("chat_handshake_latency_seconds_count"));
        assertEquals(1.0, samples.get("chat_store_write_latency_seconds_count"));
        assertEquals(250.0, samples.get("chat_store_batch_size_messages_sum"));
        var latency = telemetry.deliveryLatency();
        assertEquals(50, latency.p50Ms(), 5);
        assertEquals(95, latency.p95Ms(), 8);
        assertEquals(99, latency.p99Ms(), 8);
    }

    /** Micrometer holds what it reads weakly: what the telemetry was given must outlive a collection. */
    private static void collectGarbageAtLeastOnce() {
        var canary = new WeakReference<>(new Object());
        while (canary.get() != null) {
            System.gc();
        }
    }

    private static HubStats stats(int clients) {
        var byType = new EnumMap<MessageType, Long>(MessageType.class);
        for (var type : MessageType.values()) {
            byType.put(type, 0L);
        }
        byType.put(MessageType.CHAT, 11L);
        byType.put(MessageType.JOIN, 1L);
        return new HubStats(clients, 12, 6, 1, 0, 2, 4, 40, byType, 9);
    }
}
