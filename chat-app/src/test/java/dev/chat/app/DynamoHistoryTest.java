package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.dynamodb.LocalDynalite;
import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.redis.LocalRedis;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server with {@code STORE=dynamodb}, against dynalite: history, ids and bans through a restart of both, chat
 * through an outage of the emulator, and two nodes over Redis on one table.
 */
class DynamoHistoryTest {

    private static final String KEY = "a-key-for-the-dynamodb-tests-0000001";

    @RegisterExtension
    final TestApps apps = new TestApps();

    @Test
    void history_ids_and_bans_outlive_a_restart_of_the_server_and_of_dynamodb() throws Exception {
        var dynalite = apps.closedAfter(LocalDynalite.start(Optional.of(Files.createDirectories(
                apps.data().resolve("dynalite")))));
        var environment = dynamo(dynalite);
        var first = ChatApplication.start(apps.config(environment));
        var alice = apps.userInDev(first.port(), "alice");
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"kept in DynamoDB\"}");
        var kept = alice.nextOfType("chat").get("id").asLong();
        AppRequests.send(first, "PUT", "/api/users/mallory/ban", "{}", "X-API-Key", KEY);
        alice.close();
        first.stop();
        dynalite.restart();

        var again = apps.start(environment);
        var bob = apps.userInDev(again.port(), "bob");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"after\"}");

        assertEquals("kept in DynamoDB", bob.nextOfType("chat").get("content").asText(), "history on entering");
        var after = bob.nextOfType("chat");
        assertEquals("after", after.get("content").asText());
        assertTrue(after.get("id").asLong() > kept, "ids go on");
        assertTrue(AppRequests.get(again, "/api/rooms/dev/messages").body().contains("kept in DynamoDB"));
        assertTrue(AppRequests.get(again, "/api/users/alice/messages").body().contains("kept in DynamoDB"));
        assertEquals(403, RawSocket.refusedUpgrade(again.port(), "userId=mallory&username=M", Map.of()).status());
    }

    @Test
    void chat_goes_on_while_dynamodb_is_away_and_what_was_said_is_kept_once_it_is_back() throws Exception {
        var dynalite = apps.closedAfter(LocalDynalite.start(Optional.of(Files.createDirectories(
                apps.data().resolve("dynalite")))));
        var app = apps.start(dynamo(dynalite));
        var alice = apps.userInDev(app.port(), "alice");

        dynalite.stop();
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"said during the outage\"}");
        assertEquals("said during the outage", alice.nextOfType("chat").get("content").asText());
        await(() -> health(app).contains("\"storage\":\"unavailable\""));
        dynalite.restart();

        await(() -> health(app).contains("\"storage\":\"ok\""));
        assertTrue(AppRequests.get(app, "/api/rooms/dev/messages").body().contains("said during the outage"));
    }

    @Test
    void two_nodes_over_redis_keep_one_history_in_one_table() throws Exception {
        var dynalite = apps.closedAfter(LocalDynalite.start());
        var redis = apps.closedAfter(LocalRedis.start());
        var one = apps.start(node(dynalite, redis, "n1"));
        var two = apps.start(node(dynalite, redis, "n2"));
        var alice = apps.userInDev(one.port(), "alice");
        var bob = apps.userInDev(two.port(), "bob");
        alice.nextJoinOf("bob");

        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"from node one\"}");
        bob.nextOfType("chat");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"from node two\"}");
        alice.nextOfType("chat");

        await(() -> get(one, "/api/users/bob/messages").contains("from node two"));
        var page = AppRequests.get(two, "/api/users/alice/messages").body();
        assertTrue(page.contains("from node one"), page);
    }

    @Test
    void a_region_is_required_unless_an_endpoint_is_given_and_retention_per_room_is_not_built_for_it() {
        assertEquals("STORE=dynamodb needs AWS_REGION, such as eu-west-1 (or DYNAMODB_ENDPOINT for a local emulator)",
                assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("STORE", "dynamodb"))).getMessage());
        assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("STORE", "dynamodb", "AWS_REGION",
                "eu-west-1", "RETENTION_PER_ROOM", "1000")));
        assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("STORE", "dynamodb", "AWS_REGION",
                "eu-west-1", "DYNAMODB_TABLE", "a b")));
    }

    private static Map<String, String> dynamo(LocalDynalite dynalite) {
        return Map.of("STORE", "dynamodb", "DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                "DYNAMODB_CREATE_TABLE", "true", "API_KEY", KEY);
    }

    private static Map<String, String> node(LocalDynalite dynalite, LocalRedis redis, String id) {
        return Map.of("STORE", "dynamodb", "DYNAMODB_ENDPOINT", dynalite.endpoint().toString(),
                "DYNAMODB_CREATE_TABLE", "true", "REDIS_URL", redis.url(), "NODE_ID", id, "NODE_TIMEOUT", "900ms",
                "DRAIN_TIMEOUT", "0s");
    }

    private static String health(ChatApplication app) {
        return get(app, "/health");
    }

    private static String get(ChatApplication app, String path) {
        try {
            return AppRequests.get(app, path).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
