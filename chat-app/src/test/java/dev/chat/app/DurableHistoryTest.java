package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * By default (STORE=sqlite) a restart keeps every room's history, resume works across it, and ids go on; with
 * STORE=memory it forgets, and says so to a client that resumes, without reusing an id.
 */
class DurableHistoryTest {

    @TempDir
    Path dataDir;

    @Test
    void after_a_restart_a_client_resumes_from_its_last_id_and_new_ids_go_on_from_the_old() throws Exception {
        long seen;
        long last;
        var before = start("sqlite");
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

        var after = start("sqlite");
        try {
            var bob = TestClient.connect(after.port(), "userId=bob&username=Bob&room=dev&since=" + seen);

            var presence = bob.nextOfType("presence");
            assertEquals(true, presence.get("recovered").asBoolean(), presence.toString());
            assertEquals("two", bob.nextOfType("chat").get("content").asText());
            assertEquals("three", bob.nextOfType("chat").get("content").asText());
            var join = bob.nextOfType("join");
            assertTrue(join.get("id").asLong() > last, "ids go on after " + last + ": " + join);
            var page = AppRequests.get(after, "/api/rooms/dev/messages").body();
            assertTrue(page.contains("\"content\":\"one\"") && page.contains("\"content\":\"three\""), page);
            var hers = AppRequests.get(after, "/api/users/alice/messages").body();
            assertTrue(hers.startsWith("{\"userId\":\"alice\",\"messages\":[{\"type\":\"chat\"") && hers.contains("\"one\"")
                    && hers.endsWith("\"next\":null}"), "her messages, from disk: " + hers);
            var health = AppRequests.get(after, "/health");
            assertTrue(health.body().endsWith(",\"storage\":\"ok\",\"cluster\":\"disabled\"}"), health.body());
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

    @Test
    void in_memory_a_restart_forgets_but_a_resume_with_an_old_id_is_told_and_no_id_comes_back() throws Exception {
        long seen;
        var before = start("memory");
        try {
            var alice = TestClient.entered(before.port(), "userId=alice&username=Alice&room=dev");
            alice.send("{\"type\":\"chat\",\"content\":\"before the restart\"}");
            seen = alice.nextOfType("chat").get("id").asLong();
        } finally {
            before.stop();
        }

        var after = start("memory");
        try {
            var carol = TestClient.entered(after.port(), "userId=carol&username=Carol&room=dev");
            for (int i = 0; i < 120; i++) {
                carol.send("{\"type\":\"chat\",\"content\":\"after " + i + "\"}");
                assertTrue(carol.nextOfType("chat").get("id").asLong() > seen, "an id from before came back");
            }
            var bob = TestClient.connect(after.port(), "userId=bob&username=Bob&room=dev&since=" + seen);

            var presence = bob.nextOfType("presence");
            assertEquals(false, presence.get("recovered").asBoolean(), presence.toString());
        } finally {
            after.stop();
        }
    }

    private ChatApplication start(String store) throws ConfigException {
        return ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", store,
                "DATA_DIR", dataDir.toString(), "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0",
                "USER_RATE_LIMIT_PER_SEC", "0")).config());
    }
}
