package dev.chat.app;

import static dev.chat.app.Podman.podman;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, built and run with podman as a user would run the image: on a base made here from Debian's packages
 * and this JDK (no registry is reachable), with a volume for its data, stopped with SIGTERM.
 */
class ContainerImageIT {

    private static final String IMAGE = "localhost/chat:test";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> containers = new ArrayList<>();
    private final String volume = "chat-test-" + UUID.randomUUID();

    @BeforeAll
    static void buildTheImage() throws Exception {
        Podman.ensureBase();
        var build = podman("build", "--format", "docker", "--build-arg", "BASE=" + Podman.BASE, "-t", IMAGE, ".");
        assertEquals(0, build.exit(), build.output());
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (var container : containers) {
            podman("rm", "-f", container);
        }
        podman("volume", "rm", "-f", volume);
    }
    @Test
    void the_image_serves_chat_stops_gracefully_on_sigterm_and_keeps_history_in_its_volume() throws Exception {
        int port = AppRequests.freePort();
        var first = start(port, volume + ":/var/lib/chat");
        AppRequests.awaitReady(port, Duration.ofSeconds(60));
        var alice = TestClient.joined(port, "alice", "Alice");
        alice.send("{\"type\":\"chat\",\"content\":\"kept in the volume\"}");
        assertEquals("kept in the volume", alice.nextOfType("chat").get("content").asText());
        assertEquals(0, podman("healthcheck", "run", first).exit(), "the image's healthcheck passes");

        var stop = podman("stop", "--time", "20", first);

        assertEquals(0, stop.exit(), stop.output());
        assertEquals(1001, alice.awaitClose().code());
        assertEquals("0", podman("inspect", "--format", "{{.State.ExitCode}}", first).output().strip());
        start(port, volume + ":/var/lib/chat");
        AppRequests.awaitReady(port, Duration.ofSeconds(60));
        var history = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/rooms/global/messages")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(history.contains("kept in the volume"), history);
    }

    @Test
    void killed_with_sigkill_it_starts_again_on_its_volume_with_a_whole_prefix_of_what_it_showed() throws Exception {
        int port = AppRequests.freePort();
        var first = start(port, volume + ":/var/lib/chat", "-e", "RATE_LIMIT_PER_SEC=0", "-e",
                "USER_RATE_LIMIT_PER_SEC=0");
        AppRequests.awaitReady(port, Duration.ofSeconds(60));
        var alice = TestClient.entered(port, "userId=alice&username=Alice&room=dev");
        var shown = Shown.sendingAndReadingHalf(alice, 2000);
        long firstShown = shown.first();
        long lastShown = shown.last();

        podman("kill", "--signal", "KILL", first);

        assertEquals("137", podman("wait", first).output().strip(), "killed, not stopped");
        start(port, volume + ":/var/lib/chat");
        AppRequests.awaitReady(port, Duration.ofSeconds(60));
        var bob = TestClient.connect(port, "userId=bob&username=Bob&room=dev&since=" + (firstShown - 1));
        bob.nextOfType("presence");
        int kept = 0;
        var message = bob.next();
        for (; !message.path("type").asText().equals("join"); message = bob.next()) {
            assertEquals("m" + ++kept, message.get("content").asText(), "what survives is a whole prefix");
        }
        System.out.printf("container killed after %d of 2000 chats were echoed: %d on its volume%n",
                lastShown - firstShown + 1, kept);
        assertTrue(message.path("id").asLong() > lastShown, "no id shown before the kill is given again");
    }

    @Test
    void a_volume_it_cannot_write_stops_it_with_a_one_line_reason_and_a_nonzero_exit() throws Exception {
        var readOnly = Files.createTempDirectory("read-only");

        var container = start(AppRequests.freePort(), readOnly + ":/var/lib/chat:ro");

        assertStopsWithOneLine(container, "chat-app: could not start: STORE=sqlite: cannot open on disk");
    }

    @Test
    void a_data_folder_it_cannot_create_stops_it_with_a_one_line_reason_and_a_nonzero_exit() throws Exception {
        var container = start(AppRequests.freePort(), volume + ":/var/lib/chat", "-e", "DATA_DIR=/missing/data");

        assertStopsWithOneLine(container, "chat-app: could not start: STORE=sqlite: cannot open on disk in "
                + "/missing/data/chat.db: cannot create the data directory /missing/data");
    }

    private static void assertStopsWithOneLine(String container, String reason) throws Exception {
        var exit = podman("wait", container);
        var logs = podman("logs", container).output().lines()
                .filter(line -> !line.startsWith("time=")).toList();

        assertEquals("1", exit.output().strip());
        assertEquals(1, logs.size(), String.join("\n", logs));
        assertTrue(logs.getFirst().startsWith(reason), logs.getFirst());
    }

    private String start(int port, String mount, String... options) throws Exception {
        var arguments = new ArrayList<>(List.of("run", "-d", "--network=host", "-e", "PORT=" + port, "-e",
                "WARMUP_SESSIONS=0", "-v", mount));
        arguments.addAll(List.of(options));
        arguments.add(IMAGE);
        var started = podman(arguments.toArray(String[]::new));
        assertEquals(0, started.exit(), started.output());
        var id = started.output().lines().filter(line -> line.matches("[0-9a-f]{64}")).findFirst().orElseThrow();
        containers.add(id);
        return id;
    }
}
