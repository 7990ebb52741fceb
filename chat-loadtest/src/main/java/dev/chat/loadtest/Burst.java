package dev.chat.loadtest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Posters that send as fast as their own echoes allow, readers that only read, and newcomers that enter the room
 * once a third of the burst has gone by; then a check of every id each reader and newcomer received.
 */
final class Burst {

    static final String LAST = "last";

    private final Options options;
    private final Options.BurstShape shape;
    private final String room = "burst-" + Long.toHexString(System.nanoTime());

    Burst(Options options) {
        this.options = options;
        this.shape = options.burst();
    }

    Reports.Burst run(PrintStream progress) {
        var readers = connect("reader", shape.readers());
        var posters = connect("poster", shape.posters());
        var newcomers = new ArrayList<BurstClient>();
        int total = shape.posters() * shape.chats();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            progress.println("burst: posting " + total + " chats in room " + room);
            var postings = posters.stream()
                    .map(poster -> CompletableFuture.supplyAsync(() -> post(poster), threads))
                    .toList();
            awaitOrTimeout(() -> readers.stream().allMatch(reader -> reader.chats() >= total / 3 || reader.isClosed())
                    || postings.stream().allMatch(CompletableFuture::isDone));
            newcomers.addAll(connect("newcomer", shape.newcomers()));
            boolean postedAll = postings.stream().allMatch(CompletableFuture::join);
            progress.println("burst: draining");
            var watching = new ArrayList<>(readers);
            watching.addAll(newcomers);
            awaitOrTimeout(() -> watching.stream()
                    .allMatch(client -> client.lastChats() == shape.posters() || client.isClosed()));
            var receptions = new ArrayList<Reports.Reception>();
            readers.forEach(reader -> receptions.add(Reports.Reception.of(reader, total)));
            newcomers.forEach(newcomer -> receptions.add(Reports.Reception.of(newcomer, -1)));
            return new Reports.Burst("burst", options.target(), shape.posters(), shape.chats(),
                    shape.window(), postedAll, receptions);
        } finally {
            readers.forEach(BurstClient::close);
            posters.forEach(BurstClient::close);
            newcomers.forEach(BurstClient::close);
        }
    }

    private List<BurstClient> connect(String role, int count) {
        var clients = new ArrayList<BurstClient>();
        for (int i = 0; i < count; i++) {
            var url = options.urls().get(i % options.urls().size());
            clients.add(BurstClient.connect(url, room, role + i, LAST, shape.window(),
                    options.connectTimeout()));
        }
        return clients;
    }

    /** Posts every chat; false if its echoes stopped coming back for longer than the drain time. */
    private boolean post(BurstClient poster) {
        try {
            for (int i = 1; i <= shape.chats(); i++) {
                if (!poster.post(i == shape.chats() ? LAST : Integer.toString(i), options.drain())) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the condition holds, or for the burst's duration and drain time at the most. */
    private void awaitOrTimeout(BooleanSupplier condition) {
        long deadline = System.nanoTime() + options.duration().plus(options.drain()).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
