package dev.chat.adapter.redis;

import dev.chat.domain.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * What a node that died leaves in Redis: its users in presence, its place among the nodes, and no heartbeat. It
 * runs the cluster's own script through another client, so what it leaves is what a real node would.
 */
final class GhostNode implements AutoCloseable {

    private final Jedis jedis;
    private final String node;
    private final String script;

    GhostNode(String url, String node) {
        var uri = URI.create(url);
        this.jedis = new Jedis(uri.getHost(), uri.getPort());
        this.node = node;
        this.script = source();
    }

    void enter(String room, Identity who, Instant at) {
        jedis.eval(script, List.of(), List.of("enter", node, "1000", "10", "100", room, who.userId(), who.username(),
                at.toString(), "5000"));
    }

    /** Listed among the nodes as beating long ago, with no heartbeat key: the others take it for dead. */
    void neverBeats() {
        jedis.zadd("chat:nodes", 0, node);
    }

    @Override
    public void close() {
        jedis.close();
    }

    private static String source() {
        try (InputStream in = RedisCluster.class.getResourceAsStream("chat.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
