package dev.chat.loadtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
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
    }

    private final List<URI> uris;
    private final int rooms;
    private final List<InetSocketAddress> servers;
    private final List<InetAddress> sources;
    private final List<IoLoop> loops = new ArrayList<>();
    private final Counters counters = new Counters();
    private int nextIndex;

    /**
     * @param uris  the server's endpoint, or those of the nodes of one cluster, spread over as {@link #nodeNumber}
     *              says
     * @param rooms 1 for the original protocol, every client in the server's default room; more spreads client i
     *              over rooms {@code room-0} to {@code room-<rooms-1>} by i modulo rooms
     */
    Fleet(List<URI> uris, int rooms, int threads, int sourceAddresses, Duration poll) throws IOException {
        this.uris = List.copyOf(uris);
        this.rooms = rooms;
        this.servers = uris.stream().map(uri -> new InetSocketAddress(uri.getHost(), uri.getPort())).toList();
        this.sources = sourceAddresses(servers.getFirst().getAddress(), sourceAddresses);
        for (int i = 0; i < threads; i++) {
            var loop = new IoLoop("loadtest-io-" + i, rooms, counters, poll.toNanos());
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
            var source = sources.isEmpty() ? null : new InetSocketAddress(sources.get(index % sources.size()), 0);
            loops.get(index % loops.size())
                    .connect(index, uriOf(index), roomOf(index), servers.get(nodeNumber(index, rooms, servers.size())),
                            source, timeout.toNanos());
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

    void stopSending() {
        loops.stream().map(IoLoop::stopSending).toList().forEach(CompletableFuture::join);
    }

    Tally tally() {
        return loops.stream().map(IoLoop::tally).toList().stream()
                .map(CompletableFuture::join).reduce(Tally.empty(rooms), Tally::plus);
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
        var indexes = new ArrayList<Integer>();
        for (var loop : loops) {
            indexes.addAll(loop.call(loop::openIndexes).join());
        }
        indexes.sort(null);
        return indexes;
    }

    /** The room client {@code index} is in; null when every client is in the server's default room. */
    String roomOf(int index) {
        return rooms > 1 ? "room-" + roomNumber(index, rooms) : null;
    }

    /** Client {@code index} is in room {@code room-<number>}; with one room, that is the server's default. */
    static int roomNumber(int index, int rooms) {
        return index % rooms;
    }

    /**
     * Client {@code index} connects to node {@code <number>}: consecutive clients of one room go to consecutive
     * nodes, so that every room, and the senders among its members, are spread over every node.
     */
    static int nodeNumber(int index, int rooms, int nodes) {
        return (index / rooms) % nodes;
    }

    /** How many open clients each room has, by room number. */
    long[] membersByRoom() {
        var members = new long[rooms];
        for (int index : openIndexes()) {
            members[roomNumber(index, rooms)]++;
        }
        return members;
    }

    private URI uriOf(int index) {
        var uri = uris.get(nodeNumber(index, rooms, uris.size()));
        var query = "userId=lt-" + index + "&username=load" + index
                + (roomOf(index) == null ? "" : "&room=" + roomOf(index));
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static void waitUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * A loopback server can be reached from any 127.x.y.z address, and each source address has its own range of
     * ephemeral ports, so spreading clients over several lets one machine hold more connections than one range.
     */
    private static List<InetAddress> sourceAddresses(InetAddress target, int count) throws IOException {
        var sources = new ArrayList<InetAddress>();
        if (count > 1 && target.isLoopbackAddress() && target.getAddress().length == 4) {
            for (int i = 1; i <= count; i++) {
                sources.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i / 250), (byte) (1 + i % 250)}));
            }
        }
        return sources;
    }
}
