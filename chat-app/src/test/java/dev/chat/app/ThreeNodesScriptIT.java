package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import java.io.File;
import java.nio.file.Files;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The clustering guide's three-node script, run as the guide says, does what the guide says it does. */
class ThreeNodesScriptIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void three_nodes_from_the_guides_script_are_one_chat_and_stop_together() throws Exception {
        try (var redis = LocalRedis.start()) {
            var ports = List.of(AppRequests.freePort(), AppRequests.freePort(), AppRequests.freePort());
            var log = Files.createTempFile("three-nodes", ".log");
            var script = script(ServerProcess.currentJava().getParent().getParent(), log);
            script.environment().put("REDIS_URL", redis.url());
            script.environment().put("PORTS", String.join(" ", ports.stream().map(String::valueOf).toList()));
            var nodes = script.start();
            List<ProcessHandle> javas = List.of();
            try {
                for (int port : ports) {
                    awaitHealth(port, "\"cluster\":\"ok\"");
                }
                var alice = TestClient.joined(ports.get(0), "alice", "Alice");
                var bob = TestClient.joined(ports.get(1), "bob", "Bob");
                alice.nextJoinOf("bob");

                alice.send("{\"type\":\"chat\",\"content\":\"Hello from node one\"}");

                var atBob = bob.nextOfType("chat");
                assertEquals("Hello from node one", atBob.get("content").asText());
                assertEquals(atBob.get("id"), alice.nextOfType("chat").get("id"), "one id on every node");
            } finally {
                javas = nodes.descendants().toList();
                nodes.destroy();
            }
            try {
                assertTrue(nodes.waitFor(30, TimeUnit.SECONDS), "Ctrl-C stops the script");
                assertEquals(0, nodes.exitValue(), "every node stopped as asked");
                for (int port : ports) {
                    assertTrue(refuses(port), "node on " + port + " still runs after the script ended");
                    assertTrue(Files.readAllLines(log).stream().anyMatch(line -> line.startsWith("node-" + port
                            + " | ") && line.contains("listening on")), "node-" + port + "'s log lines say whose");
                }
            } finally {
                javas.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void on_a_java_older_than_21_the_script_says_so_and_exits_non_zero() throws Exception {
        var oldJava = PackagedJarIT.installedJavaOlderThan21();
        assumeTrue(oldJava.isPresent(), "no Java older than 21 is installed under /usr/lib/jvm");
        var log = Files.createTempFile("three-nodes", ".log");

        var nodes = script(oldJava.get().getParent().getParent(), log).start();

        assertTrue(nodes.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, nodes.exitValue());
        assertTrue(Files.readAllLines(log).stream().anyMatch(line -> line.contains("chat-app needs Java 21 or newer")),
                String.join("\n", Files.readAllLines(log)));
    }

    /** The guide's script, run from the project's folder with this JAVA_HOME, its output going to the log. */
    private static ProcessBuilder script(java.nio.file.Path javaHome, java.nio.file.Path log) {
        var script = new ProcessBuilder("sh", "chat-app/src/test/sh/three-nodes.sh")
                .directory(new File(".."))
                .redirectOutput(log.toFile()).redirectErrorStream(true);
        script.environment().keySet().removeIf(name -> name.equals("JAVA_OPTS") || name.endsWith("_TIMEOUT"));
        script.environment().put("JAVA_HOME", javaHome.toString());
        script.environment().put("WARMUP_SESSIONS", "0");
        return script;
    }

    private void awaitHealth(int port, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains(expected)) {
                    return;
                }
            } catch (IOException notYetListening) {
                assertTrue(System.nanoTime() < deadline, "no node answered on " + port);
            }
            assertTrue(System.nanoTime() < deadline, "node on " + port + " never said " + expected);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static boolean refuses(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
