package dev.chat.app;

import static dev.chat.app.Podman.podman;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.AddressRange;
import dev.chat.adapter.javalin.TestClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml brought up with podman-compose as a user brings it up, the chat's image built from the Dockerfile by
 * compose itself, on stand-ins for the Redis, PostgreSQL and nginx images built here from Debian's packages (no
 * registry is reachable): three nodes behind nginx, chatting with each other, history in PostgreSQL.
 */
class ComposeIT {

    private static final String PROJECT = "chatcomposetest";
    private static final List<String> NODES = List.of("chat1", "chat2", "chat3");
    private static final String CHAT_IMAGE = "localhost/chat:compose-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Map<String, String> environment;
    private static int port;

    @BeforeAll
    static void bringItUp() throws Exception {
        Podman.ensureBase();
        var images = new java.util.HashMap<String, String>();
        for (var service : List.of("redis", "postgres", "nginx")) {
            var image = "localhost/chat-standin-" + service + ":test";
            var built = podman("build", "--format", "docker", "--build-arg", "BASE=" + Podman.BASE + "-debian",
                    "-t", image, "chat-app/src/test/container/" + service);
            assertEquals(0, built.exit(), built.output());
            images.put(service.toUpperCase() + "_IMAGE", image);
        }
        podman("rmi", "-f", CHAT_IMAGE);
        port = AppRequests.freePort();
        images.putAll(Map.of("CHAT_IMAGE", CHAT_IMAGE, "CHAT_BASE", Podman.BASE, "CHAT_PORT", Integer.toString(port)));
        environment = Map.copyOf(images);
        compose("down", "--volumes");

        var up = compose("up", "-d");

        assertEquals(0, up.exit(), up.output());
        AppRequests.awaitReady(port, Duration.ofMinutes(3));
        for (var node : NODES) {
            awaitHealthy(container(node));
        }
    }

    @AfterAll
    static void takeItDown() throws Exception {
        compose("down", "--volumes");
    }

    /**
     * nginx takes a node it could not reach out of its rotation for a while (its fail_timeout, 10 s), as when the
     * nodes were still starting, so clients connect until every node has one, rather than counting on the order.
     */
    @Test
    void clients_the_balancer_spreads_over_the_three_nodes_chat_and_postgresql_keeps_the_history() throws Exception {
        var clients = new ArrayList<TestClient>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!NODES.stream().allMatch(ComposeIT::hasAClient)) {
            assertTrue(System.nanoTime() < deadline, "nginx never sent a client to each node");
            clients.add(TestClient.joined(port, "user" + clients.size(), "User" + clients.size()));
        }

        clients.getFirst().send("{\"type\":\"chat\",\"content\":\"through compose\"}");

        for (var client : clients) {
            assertEquals("through compose", client.nextOfType("chat").get("content").asText());
        }
        var stored = podman("exec", container("postgres"), "psql", "--username=chat", "--dbname=chat",
                "--tuples-only", "--no-align", "--command=SELECT content FROM messages WHERE type = 'chat'");
        assertEquals("through compose", stored.output().strip(), stored.output());
    }

    @Test
    void the_chat_page_is_served_through_the_balancer() throws Exception {
        var page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/app/chat-page.js\"></script>"), page.body());
    }

    @Test
    void the_nodes_trust_forwarded_addresses_from_nginx_and_its_address_only_within_their_network() throws Exception {
        var address = podman("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                container("nginx")).output().strip();
        var logs = podman("logs", container("chat1")).output();
        var trusted = logs.substring(logs.indexOf("TRUSTED_PROXIES=") + "TRUSTED_PROXIES=".length());
        var ranges = List.of(trusted.substring(0, trusted.indexOf(' ')).split(",")).stream()
                .map(range -> AddressRange.parse(range).orElseThrow()).toList();

        var nginx = InetAddress.getByName(address);
        var elsewhere = InetAddress.getByName("203.0.113.9");
        assertTrue(ranges.stream().anyMatch(range -> range.contains(nginx)), address + " is not in " + ranges);
        assertTrue(ranges.stream().noneMatch(range -> range.contains(elsewhere)), "a public address is never trusted");
    }

    private static boolean hasAClient(String node) {
        try {
            var health = podman("exec", container(node), "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && "
                    + "printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3").output();
            return health.matches("(?s).*\"clients\":[1-9].*");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitHealthy(String container) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (podman("healthcheck", "run", container).exit() != 0) {
            assertTrue(System.nanoTime() < deadline, container + " never passed its healthcheck");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private static String container(String service) {
        return PROJECT + "_" + service + "_1";
    }

    private static Podman.Ran compose(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("podman-compose", "--project-name", PROJECT));
        command.addAll(List.of(arguments));
        return Podman.run(command, environment);
    }
}
