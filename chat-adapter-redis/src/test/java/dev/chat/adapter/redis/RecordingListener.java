package dev.chat.adapter.redis;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Cluster;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What one node's hub would be told by the cluster, kept for a test to wait on. */
final class RecordingListener implements Cluster.Listener {

    static final Duration WAIT = Duration.ofSeconds(10);

    record Arrival(RoomMessage message, boolean fromHere, Optional<Nonce> nonce) {}

    final BlockingQueue<Arrival> published = new LinkedBlockingQueue<>();
    final BlockingQueue<DirectMessage> direct = new LinkedBlockingQueue<>();
    final AtomicInteger presenceLost = new AtomicInteger();
    final BlockingQueue<String> typing = new LinkedBlockingQueue<>();
    final BlockingQueue<String> reads = new LinkedBlockingQueue<>();
    final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    final BlockingQueue<SanctionChange> sanctions = new LinkedBlockingQueue<>();

    @Override
    public void published(RoomMessage message, boolean fromHere, Optional<Nonce> nonce) {
        published.add(new Arrival(message, fromHere, nonce));
    }

    @Override
    public void direct(DirectMessage message, boolean fromHere) {
        direct.add(message);
    }

    /** Kept as {@code room userId username}. */
    @Override
    public void typing(String room, Identity who) {
        typing.add(room + " " + who.userId() + " " + who.username());
    }

    /** Kept as {@code room userId id}. */
    @Override
    public void read(String room, String userId, long id) {
        reads.add(room + " " + userId + " " + id);
    }

    @Override
    public void sanctioned(SanctionChange change) {
        sanctions.add(change);
    }

    SanctionChange nextSanction() throws InterruptedException {
        var change = sanctions.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (change == null) {
            throw new AssertionError("no sanction arrived within " + WAIT);
        }
        return change;
    }

    /** Kept as {@code userId reason}. */
    @Override
    public void disconnect(String userId, String reason) {
        disconnects.add(userId + " " + reason);
    }

    @Override
    public void presenceLost() {
        presenceLost.incrementAndGet();
    }

    Arrival next() throws InterruptedException {
        var arrival = published.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (arrival == null) {
            throw new AssertionError("no message arrived within " + WAIT);
        }
        return arrival;
    }

    String nextRead() throws InterruptedException {
        var signal = reads.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (signal == null) {
            throw new AssertionError("no read arrived within " + WAIT);
        }
        return signal;
    }

    String nextDisconnect() throws InterruptedException {
        var signal = disconnects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (signal == null) {
            throw new AssertionError("no disconnect arrived within " + WAIT);
        }
        return signal;
    }

    String nextTyping() throws InterruptedException {
        var signal = typing.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (signal == null) {
            throw new AssertionError("no typing arrived within " + WAIT);
        }
        return signal;
    }

    DirectMessage nextDirect() throws InterruptedException {
        var message = direct.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no direct message arrived within " + WAIT);
        }
        return message;
    }
}
