package dev.chat.adapter.micrometer;

import dev.chat.domain.HubStats;
import dev.chat.domain.LatencySummary;
import dev.chat.domain.MessageType;
import dev.chat.domain.port.needed.Telemetry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Every metric of the chat in one Micrometer registry, rendered in the Prometheus text format. Timings reported
 * through {@link Telemetry} are kept as histograms (buckets for Prometheus, and a decaying window of percentiles for
 * {@link #deliveryLatency()}); counts the hub keeps anyway are read from it when the page is rendered, so they cost
 * nothing in between. No label names a user or a room, so the number of series stays fixed.
 */
public final class PrometheusTelemetry implements Telemetry {

    /** What {@link #render()} returns: the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer delivery;
    private final Timer handshake;
    private final Timer storeWrite;
    private final DistributionSummary storeBatch;
    /** Micrometer holds what a gauge or counter reads only weakly; these are what keeps each one from reading NaN. */
    private final List<Object> observed = new CopyOnWriteArrayList<>();

    public PrometheusTelemetry() {
        delivery = timer("chat.delivery.latency",
                "from a user's message being accepted to its being in every recipient's send queue")
                .publishPercentiles(PERCENTILES).register(registry);
        handshake = timer("chat.handshake.latency", "from a WebSocket upgrade request to its answer")
                .register(registry);
        storeWrite = timer("chat.store.write.latency", "one batch of history committed to the durable store")
                .register(registry);
        storeBatch = DistributionSummary.builder("chat.store.batch.size")
                .description("messages committed in one batch").baseUnit("messages")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
                .register(registry);
        // The dashboard plots the heap; Micrometer's own binder reads it from the JVM's memory pools.
        new JvmMemoryMetrics().bindTo(registry);
    }

    @Override
    public void delivered(long nanos) {
        delivery.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handshake(long nanos) {
        handshake.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stored(int messages, long nanos) {
        storeWrite.record(nanos, TimeUnit.NANOSECONDS);
        storeBatch.record(messages);
    }

    /** The percentiles of the last few minutes' deliveries. */
    @Override
    public LatencySummary deliveryLatency() {
        var values = delivery.takeSnapshot().percentileValues();
        return new LatencySummary(values[0].value(TimeUnit.MILLISECONDS), values[1].value(TimeUnit.MILLISECONDS),
                values[2].value(TimeUnit.MILLISECONDS));
    }

    /** Reads the hub's counts at every render. */
    public void observeHub(Supplier<HubStats> hub) {
        gauge("chat.connections", "WebSocket connections open", hub, HubStats::clients);
        gauge("chat.users", "distinct users connected", hub, HubStats::users);
        gauge("chat.rooms", "rooms with members", hub, HubStats::rooms);
        gauge("chat.inbox.depth", "client messages waiting for the hub's loop", hub, HubStats::inboxDepth);
        for (var type : MessageType.values()) {
            counter("chat.messages", "messages sent by the hub, of each type", hub,
                    stats -> stats.messagesByType().get(type), Tags.of("type", type.name().toLowerCase(Locale.ROOT)));
        }
        counter("chat.deliveries", "messages handed to a client's send queue, one per recipient", hub,
                HubStats::deliveries, Tags.empty());
        counter("chat.dropped", "deliveries refused to clients too far behind, each then closed with 4008", hub,
                HubStats::dropped, Tags.empty());
        counter("chat.slow.clients.closed", "clients closed with 4008 because their send queue was full", hub,
                HubStats::closedTooSlow, Tags.empty());
        counter("chat.send.failures", "clients closed because their connection failed", hub,
                HubStats::closedSendFailed, Tags.empty());
    }

    /** A value read at every render, such as a queue's length. */
    public void gauge(String name, String description, Supplier<? extends Number> value) {
        gauge(name, description, value, Number::doubleValue);
    }

    /** A total that only grows, read at every render. */
    public void counter(String name, String description, Supplier<? extends Number> total) {
        counter(name, description, total, Number::doubleValue, Tags.empty());
    }

    public String render() {
        return registry.scrape();
    }

    private <T> void gauge(String name, String description, Supplier<? extends T> source,
            ToDoubleFunction<T> value) {
        observed.add(source);
        Gauge.builder(name, source, supplier -> value.applyAsDouble(supplier.get())).description(description)
                .register(registry);
    }

    private <T> void counter(String name, String description, Supplier<? extends T> source,
            ToDoubleFunction<T> value, Tags tags) {
        observed.add(source);
        FunctionCounter.builder(name, source, supplier -> value.applyAsDouble(supplier.get()))
                .description(description).tags(tags).register(registry);
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10));
    }
}
