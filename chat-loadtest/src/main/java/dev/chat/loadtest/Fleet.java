package dev.chat.loadtest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Many simulated clients spread over a few {@link IoLoop}s, driven by one scenario thread. */
final class Fleet implements AutoCloseable {

    static final String FILE_LIMIT_CAUSE = "too many open files (the tester's own limit)";

    /** What the loops count, read by the scenario and the progress line. */
    static final class Counters {
        final LongAdder opened = new LongAdder();
        final LongAdder finished = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder stale = new LongAdder();
        final LongAdder senderLag = new LongAdder();
        final Failures failures = new Failures();
        final Failures closedByServer = new Failures();
        final Failures others = new Failures();
        final Failures loopErrors = new Failures();
        final Recorder connectTimes = new Recorder(3);
        final Failures failedReconnects = new Failures();
        final LongAdder recovered = new LongAdder();
        final LongAdder notRecovered = new LongAdder();
        /** Resumes closed again (the next node restarting) before the server's presence answered them. */
        final LongAdder unanswered = new LongAdder();
        /** From losing a connection to being back on another, in microseconds. */
        final Recorder awayTimes = new Recorder(3);
    }

    private final Targets targets;
    private final List<IoLoop> loops = new ArrayList<>();
    private final Counters counters = new Counters();
    private int nextIndex;

    /**
     * @param reconnect whether a client the server closes for a reason worth retrying reconnects, as
     *                  {@link Reconnects} says
     * @param typing    how often each client says it is typing, as {@link SignalMix} does; zero for never
     * @param reading   how often each client marks its room read up to the last message it saw; zero for never
     */
    Fleet(Targets targets, int threads, Duration poll, boolean reconnect, Duration typing, Duration reading)
            throws IOException {
        this.targets = targets;
        for (int i = 0; i < threads; i++) {
            var loop = new IoLoop("loadtest-io-" + i, targets, counters, poll.toNanos(), reconnect,
                    typing.toNanos(), reading.toNanos());
            loops.add(loop);
            loop.start();
        }
    }

    Counters counters() {
        return counters;
    }

    int open() {
        return counters.opened.intValue();
    }

    /**
     * Opens {@code count} more clients at {@code perSecond}, and waits until each has opened or failed.
     *
     * @return false if the tester hit its own open-file limit and stopped opening
     */
    boolean connect(int count, double perSecond, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long finishedBefore = counters.finished.sum();
        long gapNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        for (int i = 0; i < count; i++) {
            if (fileLimitHit()) {
                break;
            }
            waitUntil(started + i * gapNanos);
            int index = nextIndex++;
            loops.get(index % loops.size()).connect(index, timeout.toNanos());
        }
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (counters.finished.sum() - finishedBefore < count && !fileLimitHit()
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return !fileLimitHit();
    }

    boolean fileLimitHit() {
        return counters.failures.snapshot().containsKey(FILE_LIMIT_CAUSE);
    }

    /** Starts a phase in which the first {@code senders} open clients together send {@code rate} probes a second. */
    int startPhase(int phase, int senders, double rate) {
        var senderIndexes = openIndexes().subList(0, Math.min(senders, open()));
        double perSender = senderIndexes.isEmpty() ? 0 : rate / senderIndexes.size();
        var started = new ArrayList<CompletableFuture<Integer>>();
        for (var loop : loops) {
            started.add(loop.startPhase(phase, senderIndexes.size(), senderIndexes, perSender));
        }
        return started.stream().mapToInt(CompletableFuture::join).sum();
    }

    /** Probes delivered so far over all loops, and the latencies recorded since the last call. */
    IoLoop.Recent recent() {
        long delivered = 0;
        var latency = new Histogram(3);
        for (var recent : loops.stream().map(IoLoop::recent).toList()) {
            var part = recent.join();
            delivered += part.delivered();
            latency.add(part.latency());
        }
        return new IoLoop.Recent(delivered, latency);
    }

    /** Clients the server closed that are not back yet. */
    int resuming() {
        return loops.stream().mapToInt(loop -> loop.call(loop::resuming).join()).sum();
    }

    void stopSending() {
        loops.stream().map(IoLoop::stopSending).toList().forEach(CompletableFuture::join);
    }

    Tally tally() {
        return loops.stream().map(IoLoop::tally).toList().stream()
                .map(CompletableFuture::join).reduce(Tally.empty(targets.rooms()), Tally::plus);
    }

    /** Closes every client with a close frame, waiting for the server's answers up to {@code timeout}. */
    void closeAll(Duration timeout) throws InterruptedException {
        loops.stream().map(IoLoop::closeAll).toList().forEach(CompletableFuture::join);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        loops.stream().map(IoLoop::abortAll).toList().forEach(CompletableFuture::join);
    }

    @Override
    public void close() throws InterruptedException {
        for (var loop : loops) {
            loop.stop();
        }
    }

    private List<Integer> openIndexes() {
        return indexes(IoLoop::openIndexes);
    }

    private List<Integer> memberIndexes() {
        return indexes(IoLoop::memberIndexes);
    }

    private List<Integer> indexes(Function<IoLoop, List<Integer>> ofLoop) {
        var indexes = new ArrayList<Integer>();
        for (var loop : loops) {
            indexes.addAll(loop.call(() -> ofLoop.apply(loop)).join());
        }
        indexes.sort(null);
        return indexes;
    }

    /** How many clients each room has, by room number: those open, and those on their way back. */
    long[] membersByRoom() {
        var members = new long[targets.rooms()];
        for (int index : memberIndexes()) {
            members[Targets.roomNumber(index, targets.rooms())]++;
        }
        return members;
    }

    private static void waitUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
