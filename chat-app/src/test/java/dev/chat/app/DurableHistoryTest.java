package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With STORE=sqlite, a restart keeps every room's history, resume works across it, and ids go on. */
class DurableHistoryTest {

    @TempDir
    Path dataDir;

    @Test
    void after_a_restart_a_client_resumes_from_its_last_id_and_new_ids_go_on_from_the_old() throws Exception {
        long seen;
        long last;
        var before = start();
        try {
            var alice = TestClient.entered(before.port(), "userId=alice&username=Alice&room=dev");
            alice.send("{\"type\":\"chat\",\"content\":\"one\"}");
            seen = alice.nextOfType("chat").get("id").asLong();
            alice.send("{\"type\":\"chat\",\"content\":\"two\"}");
            alice.send("{\"type\":\"chat\",\"content\":\"three\"}");
            alice.nextOfType("chat");
            last = alice.nextOfType("chat").get("id").asLong();
        } finally {
            before.stop();
        }

        var after = start();
        try {
            var bob = TestClient.connect(after.port(), "userId=bob&username=Bob&room=dev&since=" + seen);

            var presence = bob.nextOfType("presence");
            assertEquals(true, presence.get("recovered").asBoolean(), presence.toString());
            assertEquals("two", bob.nextOfType("chat").get("content").asText());
            assertEquals("three", bob.nextOfType("chat").get("content").asText());
            var join = bob.nextOfType("join");
            assertTrue(join.get("id").asLong() > last, "ids go on after " + last + ": " + join);
            var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + after.port() + "/api/rooms/dev/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("\"content\":\"one\"") && page.contains("\"content\":\"three\""), page);
            var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + after.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(health.body().endsWith(",\"storage\":\"ok\"}"), health.body());
        } finally {
            after.stop();
        }
    }

    @Test
    void a_data_directory_that_cannot_be_made_stops_the_server_with_the_reason() throws Exception {
        var blocker = Files.writeString(dataDir.resolve("a-file"), "not a folder");
        var config = ChatConfig.load(Map.of("PORT", "0", "STORE", "sqlite",
                "DATA_DIR", blocker.resolve("db").toString())).config();

        var refused = assertThrows(IllegalStateException.class,
                () -> ChatApplication.start(config));

        assertTrue(refused.getMessage().startsWith("STORE=sqlite: cannot open "), refused.getMessage());
    }

    private ChatApplication start() throws ConfigException {
        return ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "sqlite",
                "DATA_DIR", dataDir.toString(), "WARMUP_SESSIONS", "0")).config());
    }
}
