package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment guide's nginx configuration, run by Debian's nginx in front of two nodes over Redis: WebSocket
 * upgrades pass through it, and one chat reaches clients that the balancer sent to different nodes.
 */
class NginxBalancerIT {

    private static final Path CONF = Path.of("src/main/nginx/chat.conf");
    private static final Path NODES = Path.of("src/main/nginx/nodes.conf");

    @TempDir
    Path folder;

    @Test
    void clients_through_the_guides_nginx_chat_across_the_nodes_it_balances_to() throws Exception {
        try (var redis = LocalRedis.start()) {
            var first = node(redis.url(), "n1", "0s");
            var second = node(redis.url(), "n2", "0s");
            int port = AppRequests.freePort();
            var nginx = nginx(port, first.port(), second.port());
            try {
                AppRequests.awaitReady(port, Duration.ofSeconds(20));
                var alice = TestClient.joined(port, "alice", "Alice");
                var bob = TestClient.joined(port, "bob", "Bob");
                alice.nextJoinOf("bob");

                alice.send("{\"type\":\"chat\",\"content\":\"through nginx\"}");

                assertEquals("through nginx", bob.nextOfType("chat").get("content").asText());
                for (var node : new ChatApplication[] {first, second}) {
                    var health = AppRequests.get(node, "/health").body();
                    assertTrue(health.contains("\"clients\":1,"), "round robin put one client on each: " + health);
                }
            } finally {
                nginx.destroy();
                assertTrue(nginx.waitFor(10, TimeUnit.SECONDS));
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void while_a_node_drains_nginx_sends_every_new_client_to_the_other_node() throws Exception {
        try (var redis = LocalRedis.start()) {
            var draining = node(redis.url(), "n1", "20s");
            var other = node(redis.url(), "n2", "0s");
            int port = AppRequests.freePort();
            var nginx = nginx(port, draining.port(), other.port());
            try {
                AppRequests.awaitReady(port, Duration.ofSeconds(20));
                var stopping = Thread.ofVirtual().start(() -> stop(draining));
                while (AppRequests.get(draining, "/health/ready").statusCode() != 503) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }

                for (int i = 0; i < 4; i++) {
                    TestClient.joined(port, "user" + i, "User" + i);
                }

                assertTrue(AppRequests.get(other, "/health").body().contains("\"clients\":4,"),
                        AppRequests.get(other, "/health").body());
                assertTrue(stopping.isAlive(), "the node was still draining");
            } finally {
                nginx.destroy();
                assertTrue(nginx.waitFor(10, TimeUnit.SECONDS));
                other.stop();
            }
        }
    }

    @Test
    void the_deployment_guide_shows_the_configuration_as_it_is() throws IOException {
        var guide = Files.readString(Path.of("../docs/deployment.md"));
        assertTrue(guide.contains(Files.readString(CONF)));
        assertTrue(guide.contains(Files.readString(NODES)));
    }

    private ChatApplication node(String redisUrl, String id, String drainTimeout) throws ConfigException {
        return ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "memory", "REDIS_URL", redisUrl,
                "NODE_ID", id, "WARMUP_SESSIONS", "0", "TRUSTED_PROXIES", "127.0.0.1", "DRAIN_TIMEOUT", drainTimeout))
                .config());
    }

    private static void stop(ChatApplication node) {
        try {
            node.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** nginx with the guide's server block, its three upstreams pointed at the two nodes, on a port of its own. */
    private Process nginx(int port, int first, int second) throws IOException {
        var conf = Files.readString(NODES).replace("127.0.0.1:8081", "127.0.0.1:" + first)
                .replace("127.0.0.1:8082", "127.0.0.1:" + second).replace("    server 127.0.0.1:8083;\n", "")
                + Files.readString(CONF).replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        var main = folder.resolve("nginx.conf");
        Files.writeString(folder.resolve("chat.conf"), conf);
        Files.writeString(main, "daemon off;\npid " + folder.resolve("nginx.pid") + ";\nerror_log "
                + folder.resolve("error.log") + ";\nevents {}\nhttp {\n    access_log off;\n    include "
                + folder.resolve("chat.conf") + ";\n}\n");
        return new ProcessBuilder("/usr/sbin/nginx", "-c", main.toString(), "-p", folder.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("out.log").toFile()).start();
    }

}
