package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The packaged server in a process of its own, started as a user starts it, its output read as it comes. */
record ServerProcess(Process process, BlockingQueue<String> output, Thread reader) {

    static final Path JAR = Path.of(System.getProperty("chat.jar", "target/chat-app.jar")).toAbsolutePath();
    static final Path SCRIPT = Path.of(System.getProperty("chat.script", "target/chat-server")).toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listening on http://0\\.0\\.0\\.0:(\\d+) ");

    /** What it printed up to the line that names its port. */
    record Startup(int port, List<String> lines) {}

    /** {@code java -jar chat-app.jar} on the Java running the tests. */
    static ServerProcess startJar(Map<String, String> environment) throws IOException {
        return start(javaJar(currentJava()), environment);
    }

    static List<String> javaJar(Path java) {
        return List.of(java.toString(), "-jar", JAR.toString());
    }

    static ServerProcess start(List<String> command, Map<String, String> environment) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn verify, which packages it first");
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Files.createTempDirectory("chat-app-run").toFile());
        builder.environment().keySet().removeIf(name -> name.equals("PORT") || name.equals("JAVA_OPTS")
                || name.endsWith("_TIMEOUT"));
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new LinkedBlockingQueue<String>();
        var reader = Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException ended) {
                // the process is gone; whatever it printed is in the queue
            }
        });
        return new ServerProcess(process, output, reader);
    }

    static Path currentJava() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow());
    }

    Startup awaitStartup() throws InterruptedException {
        var lines = new ArrayList<String>();
        while (true) {
            var line = output.poll(30, TimeUnit.SECONDS);
            assertNotNull(line, "the server never said where it listens: " + lines);
            lines.add(line);
            var matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return new Startup(Integer.parseInt(matcher.group(1)), lines);
            }
        }
    }

    /** Everything the process printed; call once it has ended. */
    List<String> lines() throws InterruptedException {
        assertTrue(reader.join(Duration.ofSeconds(10)), "the process's output never ended");
        var lines = new ArrayList<String>();
        output.drainTo(lines);
        return lines;
    }
}
