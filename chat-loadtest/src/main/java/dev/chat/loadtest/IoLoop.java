package dev.chat.loadtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One selector thread and the clients it owns. Other threads never touch a client: they hand the loop a task.
 *
 * <p>Everything here is state of this one thread (its selector and its clients, open, opening or coming back) or a
 * task handed to it; what the thread does with them lives beside it and is owned by it alike: the frames in
 * {@link WsClient} and {@link Frames}, the probes and the phase in {@link Senders}, reconnections in
 * {@link Reconnects}, the typing and reading mixes in {@link SignalMix}.
 */
final class IoLoop implements Runnable {

    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final Selector selector;
    private final Targets targets;
    private final Reconnects reconnects;
    private final OtherMessages others;
    private final SignalMix typing;
    private final SignalMix reading;
    private final Fleet.Counters counters;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<WsClient> pending = new ArrayList<>();
    private final List<WsClient> open = new ArrayList<>();
    private final Senders senders;
    private final Thread thread;
    private final long pollNanos;
    private long connectTimeoutNanos;
    private Histogram phaseLatency = new Histogram(3);
    private Histogram recentLatency = new Histogram(3);
    private long delivered;
    private long readNanos;

    /**
     * @param pollNanos how long the loop rests when no socket is ready. Resting instead of blocking in the selector
     *                  means the server does not have to wake this thread for every frame it writes, which on a
     *                  machine shared with the server is most of the tester's cost; latencies read up to this
     *                  much high.
     */
    IoLoop(String name, Targets targets, Fleet.Counters counters, long pollNanos, boolean reconnect,
            long typingIntervalNanos, long readingIntervalNanos) throws IOException {
        this.selector = Selector.open();
        this.targets = targets;
        this.reconnects = new Reconnects(targets, reconnect);
        this.others = new OtherMessages(counters, reconnect);
        this.typing = SignalMix.typing(typingIntervalNanos);
        this.reading = SignalMix.reading(readingIntervalNanos);
        this.senders = new Senders(counters);
        this.counters = counters;
        this.pollNanos = pollNanos;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** Runs the task on this loop's thread and hands back its result. */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        var result = new CompletableFuture<T>();
        tasks.add(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    /** Whether its clients keep the id of the last message they saw, to resume from. */
    boolean resumes() {
        return reconnects.enabled();
    }

    /** Whether its clients keep the id of the last message they saw: to resume from, or to mark read. */
    boolean tracksIds() {
        return resumes() || reading.enabled();
    }

    void connect(int index, long timeoutNanos) {
        tasks.add(() -> {
            connectTimeoutNanos = timeoutNanos;
            int node = targets.firstNode(index);
            var client = new WsClient(index, node, this, targets.uri(index, node, -1), targets.roomOf(index));
            try {
                client.open(targets.server(node), targets.source(index));
                pending.add(client);
            } catch (IOException e) {
                counters.failures.add(cause(e));
                counters.finished.increment();
            }
        });
        selector.wakeup();
    }

    /** Every open client of this loop from now counts probes of {@code newPhase}; the first ones send them. */
    CompletableFuture<Integer> startPhase(int newPhase, int senderCount, List<Integer> senderIndexes,
            double perSenderRate) {
        return call(() -> {
            phaseLatency = new Histogram(3);
            return senders.start(newPhase, senderCount, senderIndexes, perSenderRate, open, System.nanoTime());
        });
    }

    /** Called on this loop's thread only. */
    List<Integer> openIndexes() {
        return open.stream().map(client -> client.index).toList();
    }

    /** The open clients and those on their way back; called on this loop's thread only. */
    List<Integer> memberIndexes() {
        var indexes = new ArrayList<>(openIndexes());
        indexes.addAll(reconnects.indexes());
        return indexes;
    }

    /** Clients on their way back; called on this loop's thread only. */
    int resuming() {
        return reconnects.count();
    }

    CompletableFuture<Void> stopSending() {
        return call(() -> {
            senders.stop();
            return null;
        });
    }

    /** This loop's share of the current phase: what its senders sent, its receivers got, and how fast. */
    CompletableFuture<Tally> tally() {
        return call(() -> Tally.of(open, targets.rooms(), resumes(), phaseLatency.copy()));
    }

    CompletableFuture<Integer> closeAll() {
        return call(() -> {
            reconnects.stop().forEach(WsClient::abort);
            for (var client : List.copyOf(open)) {
                try {
                    client.close();
                } catch (IOException e) {
                    client.abort();
                }
            }
            for (var client : List.copyOf(pending)) {
                client.abort();
            }
            return open.size();
        });
    }

    CompletableFuture<Void> abortAll() {
        return call(() -> {
            List.copyOf(open).forEach(WsClient::abort);
            List.copyOf(pending).forEach(WsClient::abort);
            return null;
        });
    }

    void stop() throws InterruptedException {
        running.set(false);
        selector.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void run() {
        try (selector) {
            while (running.get()) {
                runTasks();
                long now = System.nanoTime();
                senders.due(now, this::mustSend);
                typing.due(now, open, (client, frame) -> mustSend(client, Frames.text(frame)));
                reading.due(now, open, (client, frame) -> mustSend(client, Frames.text(frame)));
                expirePending();
                reconnects.tick(now, connectTimeoutNanos).forEach(WsClient::abort);
                if (selector.selectNow(this::ready) == 0 && tasks.isEmpty()) {
                    LockSupport.parkNanos(pollNanos);
                }
            }
            abortAllNow();
        } catch (IOException e) {
            counters.loopErrors.add(cause(e));
        }
    }

    // Called by this loop's clients.

    void opened(WsClient client, long connectNanos) {
        if (reconnects.arrived(client)) {
            rejoined(client);
            return;
        }
        pending.remove(client);
        open.add(client);
        counters.opened.increment();
        counters.finished.increment();
        counters.connectTimes.recordValue(TimeUnit.NANOSECONDS.toMicros(connectNanos));
    }

    void failedToOpen(WsClient client, String cause) {
        (reconnects.isResuming(client) ? counters.failedReconnects : counters.failures).add(cause);
        client.abort();
    }

    void closedByServer(WsClient client, int code) {
        lost(client, "close " + code, Reconnects.worthRetrying(code));
    }

    void closed(WsClient client) {
        if (pending.remove(client)) {
            counters.finished.increment();
        } else if (open.remove(client)) {
            senders.remove(client);
            counters.opened.decrement();
        } else if (reconnects.isResuming(client)) {
            reconnects.failed(client);
        }
    }

    /** The connection of a client that was open ended: counted by cause, and if worth it, it comes back. */
    private void lost(WsClient client, String cause, boolean worthRetrying) {
        boolean wasOpen = client.state() == WsClient.State.OPEN;
        if (wasOpen) {
            counters.closedByServer.add(cause);
            if (client.unansweredResume()) {
                counters.unanswered.increment();
            }
        }
        client.abort();
        if (wasOpen && worthRetrying) {
            reconnects.lost(client, System.nanoTime());
        }
    }

    /** A client back after a reconnection, where it left off: in the current phase, and sending if it did. */
    private void rejoined(WsClient client) {
        long now = System.nanoTime();
        open.add(client);
        counters.opened.increment();
        counters.awayTimes.recordValue(TimeUnit.NANOSECONDS.toMicros(now - client.lostNanos()));
        senders.rejoin(client, now);
    }

    void mustSend(WsClient client, ByteBuffer frame) {
        try {
            client.send(frame);
        } catch (IOException e) {
            client.abort();
        }
    }

    /** Records a probe's latency, as of the read that brought it: frames read together arrived together. */
    void latency(long sentNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(readNanos - sentNanos));
        phaseLatency.recordValue(micros);
        recentLatency.recordValue(micros);
        delivered++;
    }

    /** Probes delivered so far, and the latencies recorded since the last call. */
    CompletableFuture<Recent> recent() {
        return call(() -> {
            var recent = new Recent(delivered, recentLatency);
            recentLatency = new Histogram(3);
            return recent;
        });
    }

    record Recent(long delivered, Histogram latency) {}

    void stale() {
        counters.stale.increment();
    }

    /** Counts what the server sent that is not a probe. */
    void otherMessage(byte[] bytes, int from, int to) {
        others.count(bytes, from, to);
    }

    private void ready(SelectionKey key) {
        readNanos = System.nanoTime();
        var client = (WsClient) key.attachment();
        try {
            client.ready();
        } catch (IOException e) {
            if (client.state() == WsClient.State.OPEN) {
                lost(client, cause(e), true);
            } else if (client.state() == WsClient.State.CLOSING) {
                counters.closedByServer.add(cause(e));
                client.abort();
            } else {
                failedToOpen(client, cause(e));
            }
        } catch (Frames.ProtocolException e) {
            counters.closedByServer.add(e.getMessage());
            client.abort();
        }
    }

    private void runTasks() {
        for (var task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private void expirePending() {
        if (pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (var client : List.copyOf(pending)) {
            if (now - client.startedNanos() > connectTimeoutNanos) {
                failedToOpen(client, "timeout");
            }
        }
    }

    private void abortAllNow() {
        List.copyOf(open).forEach(WsClient::abort);
        List.copyOf(pending).forEach(WsClient::abort);
    }

    static String cause(Exception e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains("Too many open files") ? Fleet.FILE_LIMIT_CAUSE : message;
    }
}
