package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.launcher.Launcher;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final Path SCRIPT = Path.of(System.getProperty("chat.script", "target/chat-server"))
            .toAbsolutePath();

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
    void killed_with_sigkill_mid_stream_it_keeps_a_whole_prefix_and_never_reuses_an_id_it_showed() throws Exception {
        var environment = crashable();
        var crash = crashMidStream(environment);

        var restarted = ServerProcess.startJar(environment);
        var bob = TestClient.connect(restarted.awaitStartup().port(), "userId=bob&username=Bob&room=dev&since="
                + (crash.firstShown() - 1));
        bob.nextOfType("presence");
        int kept = 0;
        var message = bob.next();
        for (; !message.path("type").asText().equals("join"); message = bob.next()) {
            assertEquals("m" + ++kept, message.get("content").asText(), "what survives is a whole prefix");
        }
        var newId = message.path("id").asLong();
        restarted.process().destroy();
        assertTrue(restarted.process().waitFor(20, TimeUnit.SECONDS));

        System.out.printf("SIGKILL after %d of 3000 chats were echoed: %d on disk%n",
                crash.lastShown() - crash.firstShown() + 1, kept);
        assertTrue(newId > crash.lastShown(), "the first id after the restart, " + newId + ", is past "
                + crash.lastShown());
    }

    /**
     * After the crash the ids the dead process may have shown but did not keep are skipped, and a resume answers one
     * rule, the same on every try: only a resume whose every missed id is still there is recovered; one that reaches
     * back across the ids the crash lost is not, wherever its {@code since} stands.
     */
    @Test
    void after_sigkill_a_resume_across_the_lost_ids_is_never_recovered_and_one_after_them_is() throws Exception {
        var environment = crashable();
        crashMidStream(environment);

        var restarted = ServerProcess.startJar(environment);
        int port = restarted.awaitStartup().port();
        try {
            long lastOnDisk = newestId(port);
            var bob = TestClient.entered(port, "userId=bob&username=Bob&room=dev&since=" + lastOnDisk);
            bob.send("{\"type\":\"chat\",\"content\":\"after the crash\"}");
            long firstAfter = bob.nextOfType("chat").get("id").asLong();
            assertTrue(firstAfter > lastOnDisk + 1, "the restart skipped the ids the dead process may have shown: "
                    + lastOnDisk + " then " + firstAfter);

            for (long since : new long[] {lastOnDisk - 1, lastOnDisk, lastOnDisk + 1,
                    (lastOnDisk + firstAfter) / 2}) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(false, recovered(port, since), "since=" + since + " (last on disk " + lastOnDisk
                            + ", first after " + firstAfter + "), attempt " + attempt);
                }
            }
            for (long since : new long[] {firstAfter - 1, firstAfter}) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(true, recovered(port, since), "since=" + since + ": no id after it is missing");
                }
            }
        } finally {
            restarted.process().destroy();
            assertTrue(restarted.process().waitFor(20, TimeUnit.SECONDS));
        }
    }

    /** The ids of the first and last chat that alice was shown before the kill. */
    private record Crash(long firstShown, long lastShown) {}

    private static Map<String, String> crashable() throws IOException {
        return Map.of("PORT", "0", "STORE", "sqlite", "DATA_DIR", Files.createTempDirectory("chat-data").toString(),
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0");
    }

    /** Alice sends 3 000 chats at once, faster than the disk keeps them; halfway through her echoes, SIGKILL. */
    private static Crash crashMidStream(Map<String, String> environment) throws Exception {
        var server = ServerProcess.startJar(environment);
        var alice = TestClient.entered(server.awaitStartup().port(), "userId=alice&username=Alice&room=dev");
        var shown = Shown.sendingAndReadingHalf(alice, 3000);
        server.process().destroyForcibly();
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        return new Crash(shown.first(), shown.last());
    }

    private static boolean recovered(int port, long since) throws Exception {
        try (var client = TestClient.connect(port, "userId=carol&username=Carol&room=dev&since=" + since)) {
            var presence = client.nextOfType("presence");
            assertTrue(presence.has("recovered"), presence.toString());
            return presence.get("recovered").asBoolean();
        }
    }

    private static long newestId(int port) throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/rooms/dev/messages?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return new ObjectMapper().readTree(answer.body()).get("messages").get(0).get("id").asLong();
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
    void on_jdk_25_the_start_script_starts_from_the_ahead_of_time_cache_made_at_package_time_but_not_its_profiles()
            throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the cache is made and used on JDK 25 or newer");
        var cache = SCRIPT.resolveSibling("chat-app.aot");
        assertTrue(Files.isRegularFile(cache), "package made no " + cache);
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var server = ServerProcess.start(List.of(SCRIPT.toString()), Map.of("PORT", "0", "JAVA_HOME", javaHome));
        var lines = server.awaitStartup().lines();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-XX:AOTCache=" + cache), "started without the cache: " + jvmOptions);
        assertTrue(jvmOptions.contains("-XX:-AOTReplayTraining"), "replays the cache's profiles: " + jvmOptions);
        assertTrue(lines.stream().noneMatch(line -> line.contains("[aot")),
                "the JVM could not use the cache: " + String.join("\n", lines));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }

    /** As the deployment guide installs it: the script, the jar and the cache copied to another folder. */
    @Test
    void on_jdk_25_a_copy_of_the_server_and_its_cache_starts_elsewhere_once_the_build_it_came_from_is_gone()
            throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the cache is made and used on JDK 25 or newer");
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var built = Files.createTempDirectory("chat-built");
        Files.copy(SCRIPT, built.resolve("chat-server"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(SCRIPT.resolveSibling("chat-app.jar"), built.resolve("chat-app.jar"));
        var training = ServerProcess.start(List.of(built.resolve("chat-server").toString(), "--train"),
                Map.of("JAVA_HOME", javaHome, "JAVA_OPTS", "-XX:AOTCacheOutput=" + built.resolve("chat-app.aot")));
        assertTrue(training.process().waitFor(3, TimeUnit.MINUTES), "the training run did not end");
        assertEquals(0, training.process().exitValue(), String.join("\n", training.lines()));
        var installed = Files.createTempDirectory("chat-installed");
        for (var file : List.of("chat-server", "chat-app.jar", "chat-app.aot")) {
            Files.copy(built.resolve(file), installed.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(built.resolve(file));
        }
        Files.delete(built);

        var server = ServerProcess.start(List.of(installed.resolve("chat-server").toString()),
                Map.of("PORT", "0", "JAVA_HOME", javaHome, "WARMUP_SESSIONS", "0"));
        var lines = server.awaitStartup().lines();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-XX:AOTCache=" + installed.resolve("chat-app.aot")), jvmOptions.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("[aot")), String.join("\n", lines));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void with_java_opts_set_the_start_script_leaves_the_cache_out_since_other_heap_options_may_not_fit_it()
            throws Exception {
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var server = ServerProcess.start(List.of(SCRIPT.toString()),
                Map.of("PORT", "0", "JAVA_HOME", javaHome, "JAVA_OPTS", "-Xms96m -Xmn64m", "WARMUP_SESSIONS", "0"));
        server.awaitStartup();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-Xmn64m"), jvmOptions.toString());
        assertTrue(jvmOptions.stream().noneMatch(option -> option.startsWith("-XX:AOTCache")), jvmOptions.toString());
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
