package dev.chat.loadtest;

import java.time.Duration;
import java.util.ArrayList;

/** The four things the tester can do to a server. */
final class Scenarios {

    private Scenarios() {}

    static Reports.Report run(Session session) throws InterruptedException {
        return switch (session.options.scenario()) {
            case CONNECT -> connect(session);
            case BROADCAST -> broadcast(session);
            case SATURATE -> saturate(session);
            case CHURN -> churn(session);
            case BURST -> throw new IllegalStateException("a burst runs on connections of its own, not on a fleet: see LoadTest.run");
        };
    }

    /** Opens N connections at a given rate, holds them, and reports what opened, how fast, and what the server saw. */
    static Reports.Connect connect(Session session) throws InterruptedException {
        var options = session.options;
        long started = System.nanoTime();
        session.connectClients();
        double seconds = (System.nanoTime() - started) / 1e9;
        session.meter.stage("holding " + session.fleet.open());
        session.pause(options.hold());
        var counters = session.fleet.counters();
        return new Reports.Connect("connect", options.target(), options.clients(), session.fleet.open(),
                counters.failures.snapshot(), session.ramp(), seconds, session.fleet.open() / seconds,
                session.health.clients(), counters.closedByServer.snapshot(), Session.fileLimit());
    }

    static Reports.Broadcast broadcast(Session session) throws InterruptedException {
        var options = session.options;
        session.connectClients();
        return session.broadcast(1, options.rate(), options.warmup(), options.duration());
    }

    /** Raises the rate step by step until p99 or loss passes its limit, or the steps run out. */
    static Reports.Saturate saturate(Session session) throws InterruptedException {
        var options = session.options;
        session.connectClients();
        double p99Limit = options.p99Limit().toNanos() / 1e6;
        var steps = new ArrayList<Reports.Broadcast>();
        Reports.Broadcast highestHeld = null;
        double rate = options.startRate();
        for (int step = 0; step < options.maxSteps(); step++, rate *= options.stepFactor()) {
            var result = session.broadcast(2 * step + 1, rate, options.warmup(), options.duration());
            steps.add(result);
            if (!result.held(p99Limit, options.lossLimitPercent())) {
                break;
            }
            highestHeld = result;
        }
        return new Reports.Saturate("saturate", options.target(), session.fleet.open(), session.ramp(),
                p99Limit, options.lossLimitPercent(), steps, highestHeld);
    }

    /** Connects and disconnects {@code concurrency} clients at a time until {@code cycles} have come and gone. */
    static Reports.Churn churn(Session session) throws InterruptedException {
        var options = session.options;
        var counters = session.fleet.counters();
        long started = System.nanoTime();
        long opened = 0;
        int batch;
        for (int done = 0; done < options.cycles(); done += batch) {
            batch = Math.min(options.concurrency(), options.cycles() - done);
            session.meter.stage("churn " + done + "/" + options.cycles());
            session.fleet.connect(batch, 0, options.connectTimeout());
            opened += session.fleet.open();
            session.fleet.closeAll(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Reports.Churn("churn", options.target(), options.cycles(), opened,
                counters.failures.snapshot(), seconds, opened / seconds, session.health.awaitClients(0, Duration.ofSeconds(5)),
                session.meter.cpuSeconds());
    }
}
