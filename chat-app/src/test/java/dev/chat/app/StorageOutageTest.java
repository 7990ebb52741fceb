package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.sqlite.SqliteMessageStore;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away in the middle of a conversation and comes back: chat goes on, nobody is disconnected,
 * /health and /metrics say what happened, and what was said after it came back is kept.
 */
class StorageOutageTest {

    @TempDir
    Path data;

    @Test
    void while_the_database_refuses_writes_chat_goes_on_health_says_unavailable_and_then_ok_again()
            throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString(),
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0")).config());
        try (var outside = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteMessageStore.FILE));
                var sql = outside.createStatement()) {
            var alice = TestClient.entered(app.port(), "userId=alice&username=Alice&room=dev");
            var bob = TestClient.entered(app.port(), "userId=bob&username=Bob&room=dev");
            alice.nextJoinOf("bob");
            chat(alice, bob, "before");
            awaitHealth(app, "ok");

            sql.execute("ALTER TABLE messages RENAME TO away");
            long firstDuring = chat(alice, bob, "during 0");
            awaitHealth(app, "unavailable");
            for (int i = 1; i < 20; i++) {
                assertEquals(firstDuring + i, chat(alice, bob, "during " + i), "ids go on while the disk is away");
            }
            awaitFailuresCounted(app);
            sql.execute("ALTER TABLE away RENAME TO messages");
            chat(alice, bob, "after");
            awaitHealth(app, "ok");

            assertTrue(get(app, "/metrics").contains("\nchat_store_available 1.0\n"));
            var history = get(app, "/api/rooms/dev/messages");
            assertTrue(history.contains("\"content\":\"before\"") && history.contains("\"content\":\"after\""),
                    history);
        } finally {
            app.stop();
        }
    }

    /** Alice says it, Bob hears it; its id. */
    private static long chat(TestClient from, TestClient to, String content) throws InterruptedException {
        from.send("{\"type\":\"chat\",\"content\":\"" + content + "\"}");
        var heard = to.nextOfType("chat");
        assertEquals(content, heard.get("content").asText());
        from.nextOfType("chat");
        return heard.get("id").asLong();
    }

    private static void awaitHealth(ChatApplication app, String storage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String health = get(app, "/health");
        while (!health.contains("\"storage\":\"" + storage + "\"")) {
            assertTrue(System.nanoTime() < deadline, "storage never became " + storage + ": " + health);
            Thread.onSpinWait();
            health = get(app, "/health");
        }
        assertTrue(health.startsWith("{\"status\":\"ok\",\"clients\":2"), "chat itself stays ok: " + health);
    }

    /** A batch is given up on after its retries; until then it may still go in. */
    private static void awaitFailuresCounted(ChatApplication app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String metrics = get(app, "/metrics");
        while (failures(metrics) == 0) {
            assertTrue(System.nanoTime() < deadline, "no refused message was ever counted: "
                    + metrics.lines().filter(line -> line.startsWith("chat_store")).toList());
            metrics = get(app, "/metrics");
            Thread.onSpinWait();
        }
    }

    private static double failures(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("chat_store_write_failures_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).sum();
    }

    private static String get(ChatApplication app, String path) throws Exception {
        return AppRequests.get(app, path).body();
    }
}
