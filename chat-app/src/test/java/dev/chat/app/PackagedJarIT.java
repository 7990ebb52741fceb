package dev.chat.app;

import static dev.chat.app.ServerProcess.SCRIPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.launcher.Launcher;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar a user runs, run as a user runs it: through the start script beside it, or {@code java -jar chat-app.jar},
 * and stopped with SIGTERM.
 */
class PackagedJarIT {

    @Test
    void the_start_script_serves_chat_and_on_sigterm_says_goodbye_closes_with_1001_and_exits_0() throws Exception {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is missing or not executable");
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var server = ServerProcess.start(List.of(SCRIPT.toString()), Map.of("PORT", "0", "JAVA_HOME", javaHome));
        var startup = server.awaitStartup();
        var port = startup.port();
        assertTrue(startup.lines().stream().anyMatch(line -> line.contains("warmed up with 2000 of 2000 loopback sessions")),
                "no warm-up before the port opened: " + startup.lines());
        var alice = TestClient.joined(port, "alice", "Alice");
        var bob = TestClient.joined(port, "bob", "Bob");
        alice.send("{\"type\":\"chat\",\"content\":\"Hello everyone!\"}");
        assertEquals("Hello everyone!", bob.nextOfType("chat").get("content").asText());

        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        assertTrue(jvmOptions.contains("-XX:+UseSerialGC") && jvmOptions.contains("-Xmx512m"),
                "the script put the JVM options in place of itself: " + jvmOptions);

        long signalled = System.nanoTime();
        server.process().destroy();

        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIGTERM");
        assertEquals(0, server.process().exitValue());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled) < 30, "inside SHUTDOWN_TIMEOUT");
        for (var client : List.of(alice, bob)) {
            assertEquals(ChatApplication.SHUTDOWN_NOTICE, client.nextOfType("system").get("content").asText());
            assertEquals(1001, client.awaitClose().code());
        }
    }

    @Test
    void a_line_break_in_a_user_id_is_refused_at_the_door_and_forges_no_log_line() throws Exception {
        var server = ServerProcess.startJar(Map.of("PORT", "0", "LOG_LEVEL", "debug", "WARMUP_SESSIONS", "0"));
        var port = server.awaitStartup().port();
        var forged = "2026-12-01T00:00:00.000Z [ERROR] Main - forged";
        var query = "userId=mallory" + URLEncoder.encode("\r\n" + forged, StandardCharsets.UTF_8) + "&username=M";

        var refused = RawSocket.refusedUpgrade(port, query, Map.of());
        TestClient.connect(port, "userId=alice&username=Alice").nextOfType("presence");

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("\"code\":\"user_id_invalid\""), refused.body());
        var lines = new ArrayList<String>();
        for (var line = ""; !line.contains("connected from"); lines.add(line)) {
            line = server.output().poll(20, TimeUnit.SECONDS);
            assertNotNull(line, "no connect was logged at debug: " + lines);
        }
        server.process().destroy();
        assertTrue(lines.stream().noneMatch(line -> line.startsWith(forged)), String.join("\n", lines));
        assertTrue(lines.getLast().contains("Alice (alice) connected from"), lines.getLast());
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void an_argument_other_than_train_stops_startup_with_one_line_and_a_nonzero_exit() throws Exception {
        var command = new ArrayList<>(ServerProcess.javaJar(ServerProcess.currentJava()));
        command.add("--port=8080");
        var server = ServerProcess.start(command, Map.of());

        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, server.process().exitValue());
        assertEquals(List.of("chat-app: the only argument is --train (the ahead-of-time cache's training run);"
                + " configuration comes from the environment"), server.lines());
    }

    @Test
    void a_bad_variable_stops_startup_with_one_line_naming_it_and_a_nonzero_exit() throws Exception {
        var server = ServerProcess.startJar(Map.of("PORT", "eighty"));

        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, server.process().exitValue());
        assertEquals(List.of("chat-app: PORT must be a whole number from 0 to 65535, not 'eighty'"), server.lines());
    }

    @Test
    void on_a_java_older_than_21_the_jar_says_in_one_line_which_java_it_needs() throws Exception {
        var oldJava = installedJavaOlderThan21();
        assumeTrue(oldJava.isPresent(), "no Java older than 21 is installed under /usr/lib/jvm");

        var server = ServerProcess.start(ServerProcess.javaJar(oldJava.get()), Map.of());

        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, server.process().exitValue());
        var lines = server.lines();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.getFirst().startsWith("chat-app needs Java 21 or newer, but this is Java "), lines.getFirst());
    }

    static Optional<Path> installedJavaOlderThan21() throws IOException {
        var jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home).filter(version -> version < 21).isPresent())
                    .map(home -> home.resolve("bin/java"))
                    .findFirst();
        }
    }

    private static Optional<Integer> featureVersion(Path javaHome) {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=\"".length(), line.length() - 1))
                    .map(Launcher::featureVersion)
                    .findFirst();
        } catch (IOException noReleaseFile) {
            return Optional.empty();
        }
    }
}
