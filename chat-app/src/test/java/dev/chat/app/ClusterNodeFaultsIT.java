package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node of a cluster, the packaged jar in a process of its own, killed or frozen by the operating system, while
 * two nodes in this JVM go on: what their users see of it.
 */
class ClusterNodeFaultsIT {

    private static final String NODE_TIMEOUT = "1s";

    private LocalRedis redis;
    private final List<ChatApplication> survivors = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();
    private ServerProcess stricken;
    private TestClient alice;
    private TestClient bob;
    private TestClient carol;

    @BeforeEach
    void startRedisTwoNodesHereAndOneInAProcess() throws Exception {
        redis = LocalRedis.start();
        for (var id : List.of("here-1", "here-2")) {
            survivors.add(ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "memory",
                    "REDIS_URL", redis.url(), "NODE_ID", id, "NODE_TIMEOUT", NODE_TIMEOUT,
                    "WARMUP_SESSIONS", "0")).config()));
        }
        stricken = ServerProcess.startJar(Map.of("PORT", "0", "STORE", "memory", "REDIS_URL", redis.url(),
                "NODE_ID", "stricken", "NODE_TIMEOUT", NODE_TIMEOUT, "WARMUP_SESSIONS", "0"));
        int strickenPort = stricken.awaitStartup().port();
        alice = client(survivors.get(0).port(), "alice");
        bob = client(survivors.get(1).port(), "bob");
        alice.nextJoinOf("bob");
        carol = client(strickenPort, "carol");
        alice.nextJoinOf("carol");
        bob.nextJoinOf("carol");
    }

    @AfterEach
    void stopEverything() throws Exception {
        clients.forEach(TestClient::close);
        signal("CONT");
        stricken.process().destroyForcibly();
        stricken.process().waitFor(20, TimeUnit.SECONDS);
        for (var node : survivors) {
            node.stop();
        }
        redis.close();
    }

    @Test
    void a_node_killed_with_sigkill_has_its_users_leave_on_every_other_node_once_within_its_timeout()
            throws Exception {
        long killed = System.nanoTime();
        stricken.process().destroyForcibly();

        for (var survivor : List.of(alice, bob)) {
            assertEquals("carol", survivor.nextOfType("leave").get("userId").asText());
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("a SIGKILLed node's users left %d ms after the kill (NODE_TIMEOUT=%s)%n", tookMillis,
                NODE_TIMEOUT);
        alice.send("{\"type\":\"chat\",\"content\":\"still here\"}");
        for (var survivor : List.of(alice, bob)) {
            assertFalse(before(survivor, "still here").stream().anyMatch(ClusterNodeFaultsIT::isLeave),
                    "carol left once, though two nodes watched her node die");
        }
        var users = AppRequests.get(survivors.get(1), "/api/rooms/dev/users").body();
        assertFalse(users.contains("carol"), users);
        assertTrue(tookMillis < Duration.parse("PT" + NODE_TIMEOUT).multipliedBy(10).toMillis(),
                "seconds, not minutes: " + tookMillis + " ms");
    }

    @Test
    void a_frozen_node_stalls_no_one_and_once_thawed_puts_its_users_back_and_delivers_what_they_missed()
            throws Exception {
        signal("STOP");
        alice.send("{\"type\":\"chat\",\"content\":\"while frozen\"}");

        assertEquals("while frozen", bob.nextOfType("chat").get("content").asText(), "the others go on");
        assertEquals("carol", alice.nextOfType("leave").get("userId").asText(), "a silent node is taken for dead");

        signal("CONT");
        alice.nextJoinOf("carol");
        alice.send("{\"type\":\"chat\",\"content\":\"after the thaw\"}");

        var seenByCarol = before(carol, "after the thaw").stream()
                .filter(message -> message.path("type").asText().equals("chat")).toList();
        assertEquals(List.of("while frozen"), seenByCarol.stream().map(chat -> chat.get("content").asText()).toList(),
                "carol missed nothing while her node was frozen");
    }

    /** What the client receives before the chat with this content, which it then also received. */
    private static List<JsonNode> before(TestClient client, String content) throws InterruptedException {
        var received = new ArrayList<JsonNode>();
        for (var message = client.next(); !content.equals(message.path("content").asText());
                message = client.next()) {
            received.add(message);
        }
        return received;
    }

    private static boolean isLeave(JsonNode message) {
        return message.path("type").asText().equals("leave");
    }

    private TestClient client(int port, String user) throws InterruptedException {
        var client = TestClient.connect(port, "userId=" + user + "&username=" + user + "&room=dev");
        client.nextOfType("presence");
        clients.add(client);
        return client;
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (stricken.process().isAlive()) {
            var kill = new ProcessBuilder("kill", "-" + name, Long.toString(stricken.process().pid())).start();
            assertEquals(0, kill.waitFor(), "kill -" + name);
        }
    }
}
