package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.redis.LocalRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of the packaged server, as an operator does one: three nodes over a real Redis, the packaged load
 * tester broadcasting through them with {@code --reconnect}, and each node stopped with SIGTERM and started again in
 * turn. Its clients get 1012, resume on the next node, and every client ends with every message, once.
 */
class RollingRestartIT {

    private static final Path SERVER_JAR = jar("chat.jar", "../chat-app/target/chat-app.jar");
    private static final Path TESTER_JAR = jar("loadtest.jar", "target/chat-loadtest.jar");
    private static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalRedis redis = LocalRedis.start();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        redis.close();
    }

    @Test
    void restarting_every_node_in_turn_under_a_broadcast_loses_nothing_and_every_resume_recovers() throws Exception {
        var ports = List.of(freePort(), freePort(), freePort());
        var nodes = new ArrayList<Process>();
        for (int node = 0; node < ports.size(); node++) {
            nodes.add(startNode(node, ports.get(node)));
        }
        for (int port : ports) {
            awaitReady(port);
        }
        var progress = Files.createTempFile("rolling", ".progress");
        var tester = tester(ports, progress);
        awaitLine(progress, "measuring", tester);

        for (int node = 0; node < nodes.size(); node++) {
            var stopping = nodes.get(node);
            stopping.destroy();
            assertTrue(stopping.waitFor(30, TimeUnit.SECONDS), "node " + node + " did not stop");
            assertEquals(0, stopping.exitValue(), "node " + node + " stops cleanly");
            nodes.set(node, startNode(node, ports.get(node)));
            awaitReady(ports.get(node));
        }
        assertTrue(tester.isAlive(), "the restarts ended while the broadcast was still being measured");

        assertTrue(tester.waitFor(2, TimeUnit.MINUTES), "the tester did not end");
        var output = new String(tester.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tester.exitValue(), output + Files.readString(progress));
        var report = new ObjectMapper().readTree(output);
        var resumes = report.get("resumes");
        System.out.println("rolling restart of 3 nodes: " + summary(report));

        assertEquals(300, report.get("clients").asInt());
        assertEquals(0, report.get("lost").asLong(), output);
        assertEquals(0, report.get("duplicates").asLong(), output);
        assertEquals(report.get("sent").asLong() * 300, report.get("expected").asLong());
        assertEquals(1, report.get("closedByServer").size(), output);
        assertEquals(resumes.get("reconnects").asLong(), report.get("closedByServer").get("close 1012").asLong(),
                "every client the restarts closed got 1012, and came back");
        assertEquals(600, resumes.get("reconnects").asLong(), "a third, then two thirds, then all moved on");
        assertEquals(resumes.get("reconnects").asLong(),
                resumes.get("recovered").asLong() + resumes.get("unanswered").asLong(),
                "every resume the server answered recovered; one it had no time to answer resumed again " + output);
        assertEquals(0, resumes.get("notRecovered").asLong());
        assertEquals(0, resumes.get("stillAway").asInt());
    }

    private static String summary(JsonNode report) {
        var resumes = report.get("resumes");
        return report.get("sent") + " chats sent, " + report.get("received") + " of " + report.get("expected")
                + " deliveries, lost " + report.get("lost") + ", duplicates " + report.get("duplicates")
                + "; reconnects " + resumes.get("reconnects") + ", recovered " + resumes.get("recovered") + ", unanswered " + resumes.get("unanswered")
                + ", unconfirmed sends " + resumes.get("unconfirmed") + ", failed attempts " + resumes.get("failures")
                + "; other messages " + report.get("otherMessages") + "; time away ms " + resumes.get("awayMillis")
                + "; delivery latency ms " + report.get("latencyMillis");
    }

    /**
     * 300 clients, 20 senders at 80 chats a second in all (within the default limit of 5 a second per connection),
     * measured long enough for three restarts.
     */
    private Process tester(List<Integer> ports, Path progress) throws IOException {
        var urls = String.join(",", ports.stream().map(port -> "ws://127.0.0.1:" + port + "/ws").toList());
        var process = new ProcessBuilder(JAVA.toString(), "-jar", TESTER_JAR.toString(), "broadcast", "--url", urls,
                "--clients", "300", "--senders", "20", "--rate", "80", "--warmup", "2s", "--duration", "40s",
                "--drain", "20s", "--reconnect", "--json")
                .redirectError(progress.toFile()).start();
        processes.add(process);
        return process;
    }

    private Process startNode(int node, int port) throws IOException {
        var builder = new ProcessBuilder(JAVA.toString(), "-jar", SERVER_JAR.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        var environment = builder.environment();
        environment.clear();
        environment.putAll(Map.of("PORT", Integer.toString(port), "REDIS_URL", redis.url(), "STORE", "memory",
                "NODE_ID", "node-" + node, "WARMUP_SESSIONS", "0", "DRAIN_TIMEOUT", "1s"));
        var process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitReady(int port) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready(request)) {
            assertTrue(System.nanoTime() < deadline, "the node on " + port + " never got ready");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static boolean ready(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void awaitLine(Path file, String text, Process writer) throws IOException {
        while (!Files.readString(file).contains(text)) {
            assertTrue(writer.isAlive(), "the tester ended early: " + Files.readString(file));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static Path jar(String property, String fallback) {
        var jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify, which packages it first");
        return jar;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
