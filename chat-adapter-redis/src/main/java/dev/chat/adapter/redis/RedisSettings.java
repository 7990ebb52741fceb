package dev.chat.adapter.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * How a node joins the cluster.
 *
 * @param urls           the Redis servers, each {@code redis://host:port} or {@code rediss://} for TLS, with
 *                       {@code user:password@} if needed; every node lists the same, in the same order, since each
 *                       room and each user lives on one of them by its place in the list
 * @param node           this node's id, unique among the running nodes: letters, digits, {@code _ . -}
 * @param nodeTimeout    how long after its last heartbeat a node is taken for dead and its users leave; it beats
 *                       three times in that time
 * @param historyPerRoom the most messages each room keeps in Redis, for newcomers and resumes on any node
 * @param presenceLimit  the largest room in which each join and leave is announced on its own; set it to the hub's
 * @param commandTimeout the longest the hub's loop waits for Redis to answer it
 * @param nonceWindow    how long a nonce names the message it tagged, on every node; set it to the hub's
 */
public record RedisSettings(List<String> urls, String node, Duration nodeTimeout, int historyPerRoom,
        int presenceLimit, Duration commandTimeout, Duration nonceWindow) {

    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /** With the hub's default nonce window. */
    public RedisSettings(List<String> urls, String node, Duration nodeTimeout, int historyPerRoom,
            int presenceLimit, Duration commandTimeout) {
        this(urls, node, nodeTimeout, historyPerRoom, presenceLimit, commandTimeout, Duration.ofMinutes(5));
    }

    public RedisSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs one Redis server at least");
        }
        if (new HashSet<>(urls).size() < urls.size()) {
            throw new IllegalArgumentException("each Redis server is listed once");
        }
        requireNonNull(nonceWindow, "nonceWindow");
        requireNonNull(node, "node");
        requireNonNull(nodeTimeout, "nodeTimeout");
        requireNonNull(commandTimeout, "commandTimeout");
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a node id is 1 to 64 letters, digits, '_', '.' or '-', was '" + node
                    + "'");
        }
        if (nodeTimeout.toMillis() < 300) {
            throw new IllegalArgumentException("a node timeout is at least 300ms, was " + nodeTimeout);
        }
        if (presenceLimit < 0) {
            throw new IllegalArgumentException("a presence limit is not negative, was " + presenceLimit);
        }
        if (historyPerRoom < 1) {
            throw new IllegalArgumentException("each room keeps one message at least, was " + historyPerRoom);
        }
    }

    Duration heartbeat() {
        return nodeTimeout.dividedBy(3);
    }
}
