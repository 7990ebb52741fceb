package dev.chat.loadtest;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line once a second, with the latency recorded since the last one, and measures how much
 * processor time the tester itself uses.
 */
final class Meter implements AutoCloseable {

    /** A measured stretch of a run: how long it took and how much processor time the tester used. */
    record Measurement(double seconds, double cpuCores) {}

    private final Fleet fleet;
    private final Fleet.Counters counters;
    private final String label;
    private final PrintStream progress;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loadtest-meter").daemon().factory());
    private final long startedNanos = System.nanoTime();
    private long measureStartNanos;
    private long measureStartCpu;
    private long lastSent;
    private long lastDelivered;
    private String stage = "starting";

    Meter(Fleet fleet, String label, PrintStream progress) {
        this.fleet = fleet;
        this.counters = fleet.counters();
        this.label = label;
        this.progress = progress;
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void stage(String name) {
        stage = name;
    }

    synchronized void beginMeasuring() {
        measureStartNanos = System.nanoTime();
        measureStartCpu = os.getProcessCpuTime();
    }

    synchronized Measurement endMeasuring() {
        double seconds = (System.nanoTime() - measureStartNanos) / 1e9;
        return new Measurement(seconds, (os.getProcessCpuTime() - measureStartCpu) / 1e9 / seconds);
    }

    /** The run's total processor time so far, in seconds. */
    double cpuSeconds() {
        return os.getProcessCpuTime() / 1e9;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private synchronized void tick() {
        var recent = fleet.recent();
        long sent = counters.sent.sum();
        long delivered = recent.delivered();
        progress.printf(Locale.ROOT, "[%s %5.1fs] %-22s clients=%d sent/s=%d deliveries/s=%d p99=%.1fms%n",
                label, (System.nanoTime() - startedNanos) / 1e9, stage, counters.opened.sum(), sent - lastSent,
                delivered - lastDelivered, recent.latency().getValueAtPercentile(99) / 1000.0);
        lastSent = sent;
        lastDelivered = delivered;
    }
}
