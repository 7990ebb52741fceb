package dev.chat.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The clients of one {@link IoLoop} on their way back after the server closed them for a reason worth retrying.
 * Each reconnects at once to the next node, resuming after the last message it saw, as the protocol guide asks of a
 * client; one that cannot connect tries the node after that, a moment later. Owned by its loop's thread.
 */
final class Reconnects {

    /** Going away, lost, server error, service restart, try again later: everything but a refusal of the client. */
    private static final Set<Integer> WORTH_RETRYING = Set.of(1001, 1006, 1011, 1012, 1013);
    private static final long RETRY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Retry(WsClient previous, long dueNanos) {}

    private final Targets targets;
    private final boolean enabled;
    private final List<WsClient> resuming = new ArrayList<>();
    private final List<Retry> retries = new ArrayList<>();
    private boolean stopped;

    Reconnects(Targets targets, boolean enabled) {
        this.targets = targets;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    static boolean worthRetrying(int closeCode) {
        return WORTH_RETRYING.contains(closeCode);
    }

    /** The client's connection is gone: it connects again, now, to the next node. */
    void lost(WsClient client, long lostNanos) {
        if (enabled && !stopped) {
            connect(client, lostNanos);
        }
    }

    boolean isResuming(WsClient client) {
        return resuming.contains(client);
    }

    /** A reconnection that opened: true if it was one of these. */
    boolean arrived(WsClient client) {
        return resuming.remove(client);
    }

    /** A reconnection that did not open: it tries the next node after a moment. */
    void failed(WsClient client) {
        resuming.remove(client);
        if (!stopped) {
            retries.add(new Retry(client, System.nanoTime() + RETRY_DELAY_NANOS));
        }
    }

    /** Starts the retries that are due, and gives up on handshakes older than the timeout (they are retried). */
    List<WsClient> tick(long now, long timeoutNanos) {
        for (var retry : List.copyOf(retries)) {
            if (now - retry.dueNanos() >= 0) {
                retries.remove(retry);
                connect(retry.previous(), retry.previous().lostNanos());
            }
        }
        return resuming.stream().filter(client -> now - client.startedNanos() > timeoutNanos).toList();
    }

    /** Clients not open now but coming back, by index. */
    List<Integer> indexes() {
        var indexes = new ArrayList<Integer>();
        resuming.forEach(client -> indexes.add(client.index));
        retries.forEach(retry -> indexes.add(retry.previous().index));
        return indexes;
    }

    int count() {
        return resuming.size() + retries.size();
    }

    /** No more reconnections; returns those under way, to be aborted. */
    List<WsClient> stop() {
        stopped = true;
        retries.clear();
        return List.copyOf(resuming);
    }

    private void connect(WsClient previous, long lostNanos) {
        int node = targets.nextNode(previous.node);
        var next = previous.successor(node, targets.uri(previous.index, node, previous.lastId()), lostNanos);
        resuming.add(next);
        try {
            next.open(targets.server(node), targets.source(previous.index));
        } catch (IOException e) {
            failed(next);
        }
    }
}
