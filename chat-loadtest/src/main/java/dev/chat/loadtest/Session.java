package dev.chat.loadtest;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/** A run's fleet, meter and health probe, with the steps every scenario is made of. */
final class Session implements AutoCloseable {

    final Options options;
    final Fleet fleet;
    final Meter meter;
    final Health health;
    private Latency ramp = Latency.of(new Histogram(3));

    Session(Options options, PrintStream progress) throws java.io.IOException {
        this.options = options;
        this.fleet = new Fleet(new Targets(options.urls(), options.rooms(), options.roomAffinity(),
                options.sourceAddresses()),
                options.threads(), options.poll(), options.reconnect(), options.typing(),
                options.reading());
        this.meter = new Meter(fleet, options.scenario().name().toLowerCase(), progress);
        this.health = new Health(options.health());
    }

    /** Opens the configured number of clients, and keeps how long each handshake took. */
    void connectClients() throws InterruptedException {
        meter.stage("connecting");
        fleet.connect(options.clients(), options.connectRate(), options.connectTimeout());
        ramp = Latency.of(fleet.counters().connectTimes.getIntervalHistogram());
    }

    /** How long the handshakes of {@link #connectClients()} took, in milliseconds, from the first one on. */
    Latency ramp() {
        return ramp;
    }

    /**
     * Sends at {@code rate} for the warm-up, unmeasured, then for the duration, measured, and waits for the last
     * deliveries. Each phase has its own number, so late probes of one never count in the next.
     */
    Reports.Broadcast broadcast(int phase, double rate, Duration warmup, Duration duration)
            throws InterruptedException {
        meter.stage("warm-up at " + (long) rate + "/s");
        int senders = fleet.startPhase(phase, options.senders(), rate);
        pause(warmup);

        int receivers = fleet.open();
        var membersByRoom = fleet.membersByRoom();
        meter.beginMeasuring();
        fleet.startPhase(phase + 1, options.senders(), rate);
        meter.stage("measuring at " + (long) rate + "/s");
        pause(duration);
        fleet.stopSending();
        meter.stage("draining");
        long deadline = System.nanoTime() + options.drain().toNanos();
        var tally = fleet.tally();
        while ((tally.received() < tally.expected(membersByRoom) || fleet.resuming() > 0)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            tally = fleet.tally();
        }
        var measured = meter.endMeasuring();
        long sent = tally.sent();
        long expected = tally.expected(membersByRoom);
        long lost = Math.max(0, expected - tally.received());
        return new Reports.Broadcast(options.scenario().name().toLowerCase(), options.target(), receivers,
                ramp, senders, rate, sent * 1000.0 / duration.toMillis(), sent, expected, tally.received(), lost,
                expected == 0 ? 0 : 100.0 * lost / expected, tally.duplicates(), tally.outOfOrder(),
                Latency.of(tally.latency()), tally.received() * 1000.0 / duration.toMillis(), measured.cpuCores(),
                fleet.counters().stale.sum(), fleet.counters().others.snapshot(),
                fleet.counters().closedByServer.snapshot(), health.clients(),
                options.reconnect() ? resumes(tally) : null);
    }

    private Reports.Resumes resumes(Tally tally) {
        var counters = fleet.counters();
        var away = counters.awayTimes.getIntervalHistogram();
        return new Reports.Resumes(away.getTotalCount(), counters.recovered.sum(), counters.notRecovered.sum(),
                counters.unanswered.sum(), fleet.resuming(), tally.unconfirmed(), Latency.of(away),
                counters.failedReconnects.snapshot());
    }

    void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    static long fileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : -1;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            meter.stage("closing");
            fleet.closeAll(Duration.ofSeconds(10));
        } finally {
            meter.close();
            fleet.close();
        }
    }
}
