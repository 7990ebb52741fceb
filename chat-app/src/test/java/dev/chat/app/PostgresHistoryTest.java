package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With STORE=postgres, against a real PostgreSQL: a restart keeps history, resume works across it, ids go on; and
 * nodes of a cluster over a real Redis share it.
 */
class PostgresHistoryTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void after_a_restart_a_client_resumes_from_postgres_and_ids_go_on() throws Exception {
        long seen;
        long last;
        var before = start();
        try {
            var alice = TestClient.entered(before.port(), "userId=alice&username=Alice&room=dev");
            alice.send("{\"type\":\"chat\",\"content\":\"one\"}");
            seen = alice.nextOfType("chat").get("id").asLong();
            alice.send("{\"type\":\"chat\",\"content\":\"two\"}");
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
            assertTrue(bob.nextOfType("join").get("id").asLong() > last, "ids go on after " + last);
            var health = AppRequests.get(after, "/health");
            assertTrue(health.body().endsWith(",\"storage\":\"ok\",\"cluster\":\"disabled\"}"), health.body());
        } finally {
            after.stop();
        }
    }

    @Test
    void nodes_over_redis_write_each_message_once_and_resume_past_redis_history_from_postgres() throws Exception {
        try (var redis = LocalRedis.start()) {
            var first = start(node("pg-1", redis));
            var second = start(node("pg-2", redis));
            try {
                var alice = TestClient.entered(first.port(), "userId=alice&username=Alice&room=shared");
                alice.send("{\"type\":\"chat\",\"content\":\"seen\"}");
                long seen = alice.nextOfType("chat").get("id").asLong();
                for (int i = 1; i <= 4; i++) {
                    alice.send("{\"type\":\"chat\",\"content\":\"missed " + i + "\"}");
                    alice.nextOfType("chat");
                }

                var bob = TestClient.connect(second.port(), "userId=bob&username=Bob&room=shared&since=" + seen);

                assertTrue(bob.nextOfType("presence").get("recovered").asBoolean(), "four missed, two in Redis");
                for (int i = 1; i <= 4; i++) {
                    assertEquals("missed " + i, bob.nextOfType("chat").get("content").asText());
                }
                assertEquals(List.of(1L, 1L, 1L, 1L, 1L), rowsPerChat("shared"), "each written by one node only");
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void postgres_without_a_url_or_with_a_wrong_one_stops_the_server_with_the_reason() throws Exception {
        assertEquals("STORE=postgres needs DATABASE_URL, a JDBC URL such as jdbc:postgresql://db:5432/chat",
                assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("STORE", "postgres")))
                        .getMessage());
        assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("DATABASE_URL", "postgres://db/chat")));
        var unreachable = ChatConfig.load(Map.of("PORT", "0", "STORE", "postgres", "DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:1/chat", "WARMUP_SESSIONS", "0")).config();

        var refused = assertThrows(IllegalStateException.class, () -> ChatApplication.start(unreachable));

        assertTrue(refused.getMessage().startsWith("STORE=postgres: cannot open in PostgreSQL at "
                + "jdbc:postgresql://127.0.0.1:1/chat: "), refused.getMessage());
    }

    private static ChatApplication start() throws ConfigException {
        return start(Map.of());
    }

    private static ChatApplication start(Map<String, String> more) throws ConfigException {
        var environment = new HashMap<>(Map.of("PORT", "0", "STORE", "postgres", "DATABASE_URL",
                postgres.getJdbcUrl("postgres", "postgres"), "DATABASE_USER", "postgres", "DATABASE_PASSWORD",
                "postgres", "WARMUP_SESSIONS", "0"));
        environment.putAll(more);
        return ChatApplication.start(ChatConfig.load(environment).config());
    }

    /** A node that keeps two messages per room in Redis, so that a resume past them needs PostgreSQL. */
    private static Map<String, String> node(String id, LocalRedis redis) {
        return Map.of("REDIS_URL", redis.url(), "NODE_ID", id, "HISTORY_SIZE", "2", "HISTORY_ON_JOIN", "2");
    }

    /** How many rows each chat of the room has in PostgreSQL, in the order they were posted. */
    private static List<Long> rowsPerChat(String room) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var query = connection.prepareStatement("SELECT count(*) FROM messages WHERE room = ? "
                        + "AND type = 'chat' GROUP BY content ORDER BY min(id)")) {
            query.setString(1, room);
            var counts = new ArrayList<Long>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.add(rows.getLong(1));
                }
            }
            return counts;
        }
    }
}
