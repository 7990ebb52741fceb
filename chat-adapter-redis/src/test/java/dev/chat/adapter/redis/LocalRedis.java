package dev.chat.adapter.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real Redis server (6.2, shipped in the embedded-redis artifact) on a free port, for tests that need one. It
 * keeps nothing on disk, so a {@link #restart()} comes back empty, as a Redis without persistence does.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private LocalRedis(int port) {
        this.port = port;
    }

    public static LocalRedis start() {
        var redis = new LocalRedis(freePort());
        redis.run();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A node of a cluster on this Redis: a 5 s node timeout, 1000 messages kept per room, presence limit 100. */
    RedisCluster node(String name) {
        return RedisCluster.open(new RedisSettings(List.of(url()), name, Duration.ofSeconds(5), 1000, 100,
                RedisSettings.DEFAULT_COMMAND_TIMEOUT), Clock.systemUTC());
    }

    /** Which of these servers a cluster over them, listed in this order, keeps the room or the user on. */
    public static LocalRedis holding(String name, List<LocalRedis> servers) {
        return new Shards<>(servers).of(name);
    }

    /** A name of the given kind ({@code room}, {@code user}) that a cluster over these servers keeps on this one. */
    public String nameHeld(String prefix, List<LocalRedis> servers) {
        for (int i = 0; ; i++) {
            if (holding(prefix + "-" + i, servers) == this) {
                return prefix + "-" + i;
            }
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On the same port, with nothing in it. */
    public void restart() {
        run();
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }

    private void run() {
        try {
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
