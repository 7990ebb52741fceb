package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import dev.chat.app.example.MintToken;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server API as the product's backend uses it: plain HTTP with its key, against a running server whose users are
 * real WebSocket clients; and against two nodes over a real Redis.
 */
class ServerApiTest {

    private static final String KEY = "a-key-for-the-server-api-tests-0001";
    private static final String OLD_KEY = "the-key-being-rotated-out-of-use-002";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestApps apps = new TestApps();

    @Test
    void a_default_start_exposes_no_admin_power_and_still_serves_what_it_always_did() throws Exception {
        var app = apps.start(Map.of());

        var refused = AppRequests.send(app, "POST", "/api/rooms/dev/messages", "{\"content\":\"hi\"}");

        assertEquals(403, refused.statusCode());
        assertEquals("api_key_required", json(refused).get("code").asText());
        assertEquals(403, AppRequests.send(app, "GET", "/api/info", null).statusCode());
        assertEquals(200, AppRequests.get(app, "/api/rooms").statusCode());
    }

    @Test
    void a_backend_posts_into_a_room_as_the_server_or_as_a_user_and_members_receive_it_numbered() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");

        var system = api(app, "POST", "/api/rooms/dev/messages", "{\"content\":\"Maintenance at 22:00\"}");
        var asBot = api(app, "POST", "/api/rooms/dev/messages",
                "{\"content\":\"Build passed\",\"userId\":\"ci-bot\",\"username\":\"CI\"}");

        assertEquals(201, system.statusCode());
        var announced = alice.nextOfType("system");
        assertEquals(json(system), announced);
        assertEquals("Maintenance at 22:00", announced.get("content").asText());
        var chat = alice.nextOfType("chat");
        assertEquals(json(asBot), chat);
        assertEquals("ci-bot", chat.get("userId").asText());
        assertEquals(announced.get("id").asLong() + 1, chat.get("id").asLong());
    }

    @Test
    void a_post_to_a_room_nobody_is_in_is_kept_for_whoever_comes() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));

        var posted = json(api(app, "POST", "/api/rooms/later/messages", "{\"content\":\"Welcome\"}"));
        var newcomer = TestClient.connect(app.port(), "userId=zoe&username=Zoe&room=later");
        apps.closedAfter(newcomer);

        newcomer.nextOfType("presence");
        assertEquals(posted, newcomer.nextOfType("system"));
        assertTrue(AppRequests.get(app, "/api/rooms/later/messages").body().contains("Welcome"));
    }

    @Test
    void a_backend_sends_a_direct_message_to_every_connection_of_a_user() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var bob = apps.userInDev(app.port(), "bob");
        var bobsPhone = apps.userInDev(app.port(), "bob");

        var sent = api(app, "POST", "/api/users/bob/messages",
                "{\"content\":\"Your export is ready\",\"from\":\"support\",\"username\":\"Support\"}");
        var offline = api(app, "POST", "/api/users/nobody/messages", "{\"content\":\"hello?\"}");

        assertEquals(201, sent.statusCode());
        assertEquals(json(sent), bob.nextOfType("direct"));
        assertEquals("support", bobsPhone.nextOfType("direct").get("userId").asText());
        assertEquals(404, offline.statusCode());
        assertEquals("user_offline", json(offline).get("code").asText());
    }

    @Test
    void a_backend_deletes_a_chat_with_the_same_deletion_every_member_receives() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");
        var bob = apps.userInDev(app.port(), "bob");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"buy cheap watches\"}");
        var spam = alice.nextOfType("chat").get("id").asText();

        var deleted = api(app, "DELETE", "/api/rooms/dev/messages/" + spam, null);
        var again = api(app, "DELETE", "/api/rooms/dev/messages/" + spam, null);

        assertEquals(200, deleted.statusCode());
        var deletion = alice.nextOfType("delete");
        assertEquals(json(deleted), deletion);
        assertEquals(spam, deletion.get("target").asText());
        assertEquals("", deletion.get("userId").asText(), "deleted by the server, not by a user");
        assertEquals(404, again.statusCode());
        assertEquals("not_found", json(again).get("code").asText());
        assertTrue(!AppRequests.get(app, "/api/rooms/dev/messages").body().contains("watches"), "erased");
    }

    @Test
    void a_disconnected_user_is_told_why_and_closed_and_nobody_else_notices() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");
        var mallory = apps.userInDev(app.port(), "mallory");

        var answer = api(app, "POST", "/api/users/mallory/disconnect", "{\"reason\":\"flooding the room\"}");

        assertEquals(202, answer.statusCode());
        assertEquals("{\"userId\":\"mallory\",\"reason\":\"flooding the room\"}", answer.body());
        var told = mallory.nextOfType("error");
        assertEquals("disconnected", told.get("code").asText());
        assertEquals("flooding the room", told.get("message").asText());
        assertEquals(4010, mallory.awaitClose().code());
        assertEquals("mallory", alice.nextOfType("leave").get("userId").asText());
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"still here\"}");
        assertEquals("still here", alice.nextOfType("chat").get("content").asText());
    }

    @Test
    void a_banned_user_is_closed_refused_at_the_door_and_the_ban_outlives_a_restart() throws Exception {
        var environment = Map.of("API_KEY", KEY, "STORE", "sqlite");
        var first = ChatApplication.start(apps.config(environment));
        var mallory = apps.userInDev(first.port(), "mallory");

        var banned = api(first, "PUT", "/api/users/mallory/ban",
                "{\"until\":\"2099-12-31T00:00:00Z\",\"reason\":\"spam\"}");

        assertEquals(200, banned.statusCode(), banned.body());
        var ban = json(banned);
        assertEquals("ban", ban.get("kind").asText());
        assertEquals("2099-12-31T00:00:00Z", ban.get("until").asText());
        assertEquals("banned", mallory.nextOfType("error").get("code").asText());
        assertEquals(4003, mallory.awaitClose().code());
        first.stop();

        var again = apps.start(environment);
        var refused = RawSocket.refusedUpgrade(again.port(), "userId=mallory&username=Mallory", Map.of());
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("\"code\":\"banned\""), refused.body());
        assertEquals(204, api(again, "DELETE", "/api/users/mallory/ban", null).statusCode());
        apps.userInDev(again.port(), "mallory");
    }

    @Test
    void a_muted_user_stays_connected_but_nothing_it_posts_reaches_anyone_until_the_mute_is_lifted() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");
        var eve = apps.userInDev(app.port(), "eve");
        alice.nextJoinOf("eve");

        var muted = json(api(app, "PUT", "/api/users/eve/mute", "{\"reason\":\"cool down\"}"));
        eve.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"let me talk\"}");

        assertTrue(muted.get("until").isNull(), "until lifted");
        var told = eve.nextOfType("error");
        assertEquals("muted", told.get("code").asText());
        assertEquals("you are muted: cool down; nothing you post is sent", told.get("message").asText());
        assertEquals(204, api(app, "DELETE", "/api/users/eve/mute", null).statusCode());
        eve.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"sorry\"}");
        assertEquals("sorry", alice.nextOfType("chat").get("content").asText(), "the muted chat reached nobody");
    }

    @Test
    void info_tells_the_node_its_version_and_the_chat_s_counts() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        apps.userInDev(app.port(), "alice");
        apps.userInDev(app.port(), "alice");

        var info = json(api(app, "GET", "/api/info", null));

        assertEquals("local", info.get("node").asText());
        assertEquals("[\"local\"]", info.get("nodes").toString());
        assertTrue(info.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), info.toString());
        assertEquals(2, info.get("connections").asInt());
        assertEquals("{\"local\":2}", info.get("connectionsByNode").toString());
        assertEquals(1, info.get("users").asInt());
        assertEquals(1, info.get("rooms").asInt());
    }

    @Test
    void the_key_being_rotated_out_still_works_and_a_wrong_key_or_a_user_s_token_never_does() throws Exception {
        var secret = "a-secret-for-the-server-api-tests-32b";
        var app = apps.start(Map.of("API_KEY", KEY, "API_KEY_PREVIOUS", OLD_KEY, "AUTH_SECRET", secret));
        var path = "/api/rooms/dev/messages";
        var body = "{\"content\":\"hi\"}";
        var user = MintToken.mint(secret, "alice", "Alice", List.of(), Duration.ofHours(1));

        assertEquals(201, AppRequests.send(app, "POST", path, body, "X-API-Key", OLD_KEY).statusCode());
        var wrong = AppRequests.send(app, "POST", path, body, "X-API-Key", KEY + "x");
        assertEquals(401, wrong.statusCode());
        assertEquals("api_key_invalid", json(wrong).get("code").asText());
        var asUser = AppRequests.send(app, "POST", path, body, "Authorization", "Bearer " + user);
        assertEquals(403, asUser.statusCode());
        assertEquals("operator_required", json(asUser).get("code").asText());
        assertEquals(201, AppRequests.send(app, "POST", path, body,
                "Authorization", "Bearer " + OperatorToken.mint(secret, "root", "Root")).statusCode());
        assertEquals(200, AppRequests.send(app, "GET", "/api/rooms", null, "X-API-Key", KEY).statusCode(),
                "the key reads what a token reads");
    }

    @Test
    void bad_input_gets_a_clear_answer_and_changes_nothing() throws Exception {
        var app = apps.start(Map.of("API_KEY", KEY));
        var alice = apps.userInDev(app.port(), "alice");

        assertRefused(app, "POST", "/api/rooms/dev/messages", "{\"content\":", 400, "invalid_json");
        assertRefused(app, "POST", "/api/rooms/dev/messages", "[\"content\"]", 400, "invalid_json");
        assertRefused(app, "POST", "/api/rooms/dev/messages", "{\"content\":42}", 400, "invalid_json");
        assertRefused(app, "POST", "/api/rooms/dev/messages", "{}", 400, "content_empty");
        assertRefused(app, "POST", "/api/rooms/dev/messages", "{\"content\":\"" + "x".repeat(1001) + "\"}", 400,
                "content_too_long");
        assertRefused(app, "POST", "/api/rooms/dev/messages", "{\"content\":\"hi\",\"username\":\"Bot\"}", 400,
                "user_id_invalid");
        assertRefused(app, "POST", "/api/rooms/no%20spaces/messages", "{\"content\":\"hi\"}", 400, "invalid_room");
        assertRefused(app, "DELETE", "/api/rooms/dev/messages/abc", null, 400, "invalid_id");
        assertRefused(app, "DELETE", "/api/rooms/dev/messages/999999", null, 404, "not_found");
        assertRefused(app, "POST", "/api/users/alice/disconnect", "{\"reason\":\"a\\nb\"}", 400, "invalid_parameter");
        assertRefused(app, "PUT", "/api/users/alice/ban", "{\"until\":\"tomorrow\"}", 400, "invalid_parameter");
        assertRefused(app, "PUT", "/api/users/alice/ban", "{\"until\":\"2020-01-01T00:00:00Z\"}", 400,
                "invalid_parameter");

        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"first\"}");
        assertEquals("first", alice.nextOfType("chat").get("content").asText(), "nothing reached the room before");
    }

    @Test
    void on_two_nodes_posts_disconnects_bans_and_mutes_reach_every_node_and_info_counts_the_whole_chat()
            throws Exception {
        var redis = LocalRedis.start();
        apps.closedAfter(redis);
        var one = apps.start(node("n1", redis));
        var two = apps.start(node("n2", redis));
        var alice = apps.userInDev(one.port(), "alice");
        var eve = apps.userInDev(two.port(), "eve");
        var mallory = apps.userInDev(two.port(), "mallory");
        alice.nextJoinOf("mallory");

        var posted = api(one, "POST", "/api/rooms/dev/messages", "{\"content\":\"from the backend\"}");
        var direct = api(one, "POST", "/api/users/mallory/messages", "{\"content\":\"last warning\"}");
        api(one, "POST", "/api/users/mallory/disconnect", "{\"reason\":\"ignored the warning\"}");
        api(one, "PUT", "/api/users/mallory/ban", "{}");
        api(one, "PUT", "/api/users/eve/mute", "{}");
        // Node two takes the cluster's frames in order: once it has this post, it has the ban and the mute.
        api(one, "POST", "/api/rooms/dev/messages", "{\"content\":\"after the sanctions\"}");

        assertEquals(201, posted.statusCode());
        assertEquals(json(posted), mallory.nextOfType("system"), "numbered by the cluster, delivered on node two");
        assertEquals(201, direct.statusCode());
        assertEquals("last warning", mallory.nextOfType("direct").get("content").asText());
        assertEquals("ignored the warning", mallory.nextOfType("error").get("message").asText());
        assertEquals(4010, mallory.awaitClose().code());
        assertEquals("from the backend", eve.nextOfType("system").get("content").asText());
        assertEquals("after the sanctions", eve.nextOfType("system").get("content").asText());
        var refused = RawSocket.refusedUpgrade(two.port(), "userId=mallory&username=Mallory", Map.of());
        assertEquals(403, refused.status(), "banned on node one, refused on node two");
        eve.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"let me talk\"}");
        assertEquals("muted", eve.nextOfType("error").get("code").asText(), "muted on node one, on node two");
        var info = json(api(two, "GET", "/api/info", null));
        assertEquals("n2", info.get("node").asText());
        assertEquals("[\"n1\",\"n2\"]", sorted(info.get("nodes")));
        assertEquals(2, info.get("users").asInt(), "alice on the other node, and eve");
    }

    private void assertRefused(ChatApplication app, String method, String path, String body, int status, String code)
            throws Exception {
        var answer = api(app, method, path, body);
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, json(answer).get("code").asText(), answer.body());
    }

    private static HttpResponse<String> api(ChatApplication app, String method, String path, String body)
            throws Exception {
        return AppRequests.send(app, method, path, body, "X-API-Key", KEY);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String sorted(JsonNode array) {
        var names = new ArrayList<String>();
        array.forEach(name -> names.add("\"" + name.asText() + "\""));
        return names.stream().sorted().toList().toString().replace(" ", "");
    }

    private static Map<String, String> node(String id, LocalRedis redis) {
        return Map.of("REDIS_URL", redis.url(), "NODE_ID", id, "NODE_TIMEOUT", "900ms", "DRAIN_TIMEOUT", "0s",
                "API_KEY", KEY);
    }
}
