package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.JavalinChatServer;
import dev.chat.adapter.javalin.ServerSettings;
import dev.chat.adapter.redis.LocalRedis;
import dev.chat.adapter.redis.RedisCluster;
import dev.chat.adapter.redis.RedisSettings;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.Presence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tester spreads its clients over three nodes of one cluster, over a real Redis, and sees one chat. */
class LoadTestAgainstAClusterTest {

    private final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private final List<RedisCluster> clusters = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private final List<JavalinChatServer> servers = new ArrayList<>();
    private LocalRedis redis;

    @BeforeEach
    void startRedisAndThreeNodes() {
        redis = LocalRedis.start();
        for (int i = 1; i <= 3; i++) {
            var cluster = RedisCluster.open(new RedisSettings(List.of(redis.url()), "node-" + i, Duration.ofSeconds(5),
                    1000, Presence.DEFAULT.limit(), RedisSettings.DEFAULT_COMMAND_TIMEOUT), Clock.systemUTC());
            var hub = new Hub(HubSettings.defaults(), cluster.history(), cluster).start();
            clusters.add(cluster);
            hubs.add(hub);
            servers.add(new JavalinChatServer(hub, ServerSettings.defaults().withPort(0)).start());
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i).stopAccepting();
            hubs.get(i).close();
            servers.get(i).stop(Duration.ofSeconds(5));
            clusters.get(i).close();
        }
        redis.close();
    }

    @Test
    void a_broadcast_over_three_nodes_reaches_every_client_on_every_node_once_and_in_order() throws Exception {
        var report = (Reports.Broadcast) LoadTest.run(Options.parse("broadcast", "--url", urls(),
                "--clients", "30", "--senders", "6", "--rate", "30", "--warmup", "1s", "--duration", "2s",
                "--source-ips", "4"), progress);

        assertEquals(30, report.clients());
        assertEquals(30, report.serverClients(), "the nodes' counts added up");
        for (var hub : hubs) {
            assertTrue(hub.stats().deliveries() >= report.sent() * 9, "each node delivers to its third of them");
        }
        assertTrue(report.sent() >= 40, "about 60 probes in 2 s at 30/s, not " + report.sent());
        assertEquals(report.sent() * 30, report.expected());
        assertEquals(report.expected(), report.received(), report.table());
        assertEquals(0, report.duplicates());
        assertEquals(0, report.outOfOrder());
        assertEquals(Map.of(), report.closedByServer());
    }

    @Test
    void with_rooms_each_probe_reaches_its_room_on_every_node() throws Exception {
        var report = (Reports.Broadcast) LoadTest.run(Options.parse("broadcast", "--url", urls(),
                "--clients", "36", "--rooms", "3", "--senders", "6", "--rate", "30", "--warmup", "1s",
                "--duration", "2s", "--source-ips", "4"), progress);

        assertEquals(report.sent() * 12, report.expected(), "six senders, two per room of twelve");
        assertEquals(report.expected(), report.received(), report.table());
        assertEquals(0, report.duplicates());
    }

    @Test
    void with_reconnect_the_clients_a_restarting_node_closes_with_1012_resume_on_the_next_and_miss_nothing()
            throws Exception {
        var watched = new ByteArrayOutputStream();
        var stages = new PrintStream(watched, true, StandardCharsets.UTF_8);
        var run = CompletableFuture.supplyAsync(() -> {
            try {
                return (Reports.Broadcast) LoadTest.run(Options.parse("broadcast", "--url", urls(),
                        "--clients", "30", "--senders", "6", "--rate", "60", "--warmup", "1s", "--duration", "4s",
                        "--source-ips", "4", "--reconnect"), stages);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        while (!watched.toString(StandardCharsets.UTF_8).contains("measuring")) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }

        servers.getFirst().stopAccepting();
        hubs.getFirst().close(CloseReason.SERVICE_RESTART);
        var report = run.get(60, TimeUnit.SECONDS);

        var resumes = report.resumes();
        assertEquals(Map.of("close 1012", 10L), report.closedByServer(), "the first node's third of them");
        assertEquals(10, resumes.reconnects(), report.table());
        assertEquals(10, resumes.recovered(), report.table());
        assertEquals(0, resumes.notRecovered());
        assertEquals(0, resumes.stillAway());
        assertEquals(30, report.clients());
        assertTrue(report.sent() >= 100, "about 240 probes in 4 s at 60/s, not " + report.sent());
        assertEquals(report.sent() * 30, report.expected(), "every probe the server took is expected everywhere");
        assertEquals(report.expected(), report.received(), report.table());
        assertEquals(0, report.duplicates(), report.table());
    }

    private String urls() {
        return String.join(",", servers.stream().map(server -> "ws://127.0.0.1:" + server.port() + "/ws").toList());
    }
}
