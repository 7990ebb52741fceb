package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With STORE=postgres, against a real PostgreSQL: a restart keeps history, resume works across it, ids go on. */
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
        return ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "postgres", "DATABASE_URL",
                postgres.getJdbcUrl("postgres", "postgres"), "DATABASE_USER", "postgres", "DATABASE_PASSWORD",
                "postgres", "WARMUP_SESSIONS", "0")).config());
    }
}
