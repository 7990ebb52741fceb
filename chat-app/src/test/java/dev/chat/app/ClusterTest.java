package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import dev.chat.adapter.redis.RedisProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three servers over one real Redis, with real WebSocket clients spread over them, behave as one chat. */
class ClusterTest {

    private LocalRedis redis;
    private final List<ChatApplication> nodes = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void startRedisAndThreeNodes() throws ConfigException {
        redis = LocalRedis.start();
        for (int i = 1; i <= 3; i++) {
            nodes.add(node("n" + i));
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        clients.forEach(TestClient::close);
        for (var node : nodes) {
            node.stop();
        }
        redis.close();
    }

    @Test
    void clients_on_three_nodes_see_each_other_join_once_and_every_message_in_one_order_with_one_id()
            throws Exception {
        var alice = enter(0, "alice", "Alice");
        var bob = enter(1, "bob", "Bob");
        var carol = connect(2, "carol", "Carol");
        assertEquals(3, carol.nextOfType("presence").get("count").asInt(), "carol sees everyone, on any node");
        alice.nextJoinOf("bob");
        alice.nextJoinOf("carol");
        var bobsSecondTab = connect(2, "bob", "Bob");
        bobsSecondTab.nextOfType("presence");

        for (int i = 0; i < 5; i++) {
            alice.send("{\"type\":\"chat\",\"content\":\"a" + i + "\"}");
            bob.send("{\"type\":\"chat\",\"content\":\"b" + i + "\"}");
        }

        var seenByAlice = chats(alice, 10);
        assertEquals(seenByAlice, chats(bob, 10));
        assertEquals(seenByAlice, chats(carol, 10), "a second tab on another node was no new join");
        assertEquals(seenByAlice, chats(bobsSecondTab, 10));
        for (int i = 1; i < seenByAlice.size(); i++) {
            assertEquals(id(seenByAlice.get(i - 1)) + 1, id(seenByAlice.get(i)), "ids run on: " + seenByAlice);
        }
        var users = AppRequests.get(nodes.get(0), "/api/rooms/dev/users").body();
        assertTrue(users.contains("\"carol\"") && users.contains("\"bob\"") && users.contains("\"alice\""), users);
    }

    @Test
    void any_node_s_analytics_and_stats_count_the_whole_cluster() throws Exception {
        var alice = enter(0, "alice", "Alice");
        enter(1, "bob", "Bob");
        enter(2, "bob", "Bob");
        alice.send("{\"type\":\"chat\",\"content\":\"one\"}");
        alice.nextOfType("chat");

        var analytics = awaitJson(2, "/api/analytics", json -> json.get("totalMessages").asLong() == 1
                && json.get("activeConnections").asInt() == 3);
        assertEquals(2, analytics.get("activeUsers").asInt(), "bob on two nodes is one user");
        var stats = awaitJson(1, "/stats", json -> json.get("clients").asInt() == 3);
        assertEquals(2, stats.get("users").asInt());
        assertEquals(1, stats.get("rooms").asInt());
    }

    @Test
    void any_node_s_info_lists_the_connections_of_every_node() throws Exception {
        var key = "a-key-for-the-cluster-test-00000001";
        var withApi = node("n4", redis.url(), "API_KEY", key);
        nodes.add(withApi);
        enter(0, "alice", "Alice");
        enter(1, "bob", "Bob");
        enter(1, "carol", "Carol");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        var info = infoOf(withApi, key);
        while (!info.get("connectionsByNode").toString().equals("{\"n1\":1,\"n2\":2,\"n3\":0,\"n4\":0}")) {
            assertTrue(System.nanoTime() < deadline, "still " + info);
            Thread.yield();
            info = infoOf(withApi, key);
        }
        assertEquals(0, info.get("connections").asInt(), "its own");
        assertEquals(3, info.get("users").asInt());
    }

    private static JsonNode infoOf(ChatApplication node, String key) throws Exception {
        return new ObjectMapper().readTree(AppRequests.send(node, "GET", "/api/info", null, "X-API-Key", key).body());
    }

    /** The node's answer at {@code path} once it says what is expected: the others report every two seconds. */
    private JsonNode awaitJson(int node, String path, Predicate<JsonNode> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        var json = new ObjectMapper().readTree(AppRequests.get(nodes.get(node), path).body());
        while (!expected.test(json)) {
            assertTrue(System.nanoTime() < deadline, "node " + node + " still says " + json);
            Thread.yield();
            json = new ObjectMapper().readTree(AppRequests.get(nodes.get(node), path).body());
        }
        return json;
    }

    /**
     * The seam of a node's subscription to a room: each visitor enters on a node where nobody else is in the room, so
     * the node starts following the room, and leaves again, so it stops, while the room is busy on another node.
     */
    @Test
    void visitors_entering_a_busy_room_where_their_node_had_nobody_get_its_history_then_every_message_once_in_order()
            throws Exception {
        var poster = enter(0, "poster", "Poster");
        var visitsDone = new AtomicBoolean();
        try (var posterThread = Executors.newVirtualThreadPerTaskExecutor()) {
            var posting = posterThread.submit(() -> postUntil(poster, visitsDone));
            try {
                for (int visit = 0; visit < 20; visit++) {
                    var visitor = TestClient.connect(nodes.get(1 + visit % 2).port(),
                            "userId=v" + visit + "&username=Visitor&room=dev");
                    clients.add(visitor);
                    assertConsecutiveIdsUntilLiveChats(visitor, "v" + visit, 5);
                    visitor.close();
                }
            } finally {
                visitsDone.set(true);
            }
            posting.get(10, TimeUnit.SECONDS);
        }
    }

    /** Posts one chat after another, each once the one before has come back (the only chats), until told to stop. */
    private static void postUntil(TestClient poster, AtomicBoolean stop) {
        try {
            for (int i = 0; !stop.get(); i++) {
                poster.send("{\"type\":\"chat\",\"content\":\"p" + i + "\"}");
                assertEquals("p" + i, poster.nextOfType("chat").get("content").asText());
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message with an id, history and live alike, is the one after the last; until some chats came live. */
    private static void assertConsecutiveIdsUntilLiveChats(TestClient visitor, String userId, int liveChats)
            throws InterruptedException {
        long previous = -1;
        boolean live = false;
        for (int chats = 0; chats < liveChats; ) {
            var message = visitor.next();
            if (!message.has("id")) {
                continue;
            }
            long id = Long.parseLong(message.get("id").asText());
            assertTrue(previous < 0 || id == previous + 1, userId + " got " + id + " after " + previous);
            previous = id;
            var type = message.get("type").asText();
            live |= type.equals("join") && message.get("userId").asText().equals(userId);
            if (live && type.equals("chat")) {
                chats++;
            }
        }
    }

    @Test
    void a_room_over_the_presence_limit_gets_one_summary_of_the_changes_on_every_node() throws Exception {
        var small = List.of(node("s1", redis.url(), "PRESENCE_LIMIT", "1"), node("s2", redis.url(), "PRESENCE_LIMIT", "1"));
        nodes.addAll(small);
        var alice = TestClient.entered(small.get(0).port(), "userId=alice&username=Alice&room=crowd");
        clients.add(alice);

        for (var user : List.of("bob", "carol", "dave")) {
            var node = small.get(user.equals("carol") ? 0 : 1);
            clients.add(TestClient.entered(node.port(), "userId=" + user + "&username=" + user + "&room=crowd"));
        }

        var summary = alice.nextOfType("system");
        assertEquals("3 joined", summary.get("content").asText(), "one summary for both nodes: " + summary);
        alice.send("{\"type\":\"chat\",\"content\":\"after\"}");
        assertEquals("after", alice.nextOfType("chat").get("content").asText());
    }

    @Test
    void the_first_connection_into_a_brand_new_room_gets_one_presence_and_no_recovered_flag() throws Exception {
        for (int node = 0; node < 3; node++) {
            var room = "fresh-" + node;
            var first = TestClient.connect(nodes.get(node).port(), "userId=u" + node + "&username=U&room=" + room);
            clients.add(first);

            var presence = first.next();
            assertEquals("presence", presence.get("type").asText(), presence.toString());
            assertFalse(presence.has("recovered"), "it did not resume: " + presence);
            assertEquals("join", first.next().get("type").asText());
            first.send("{\"type\":\"chat\",\"content\":\"first words\"}");
            var next = first.next();
            assertEquals("chat", next.get("type").asText(), "nothing came between its join and its chat: " + next);
        }
    }

    @Test
    void a_stopping_node_stops_being_ready_serves_its_clients_while_it_drains_then_closes_them_with_1012()
            throws Exception {
        var alice = enter(0, "alice", "Alice");
        var bob = enter(1, "bob", "Bob");
        var stopping = CompletableFuture.supplyAsync(() -> {
            try {
                return nodes.getFirst().stop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        awaitReady(0, 503, "{\"status\":\"draining\"}");
        assertFalse(alice.isClosed(), "its clients are still served while it drains");
        alice.send("{\"type\":\"chat\",\"content\":\"while draining\"}");
        assertEquals("while draining", bob.nextOfType("chat").get("content").asText());

        assertEquals(1012, alice.awaitClose().code());
        assertTrue(stopping.join(), "it stopped in time");
        nodes.removeFirst();
        assertEquals(200, AppRequests.get(nodes.getFirst(), "/health/ready").statusCode(), "the others are ready");
    }

    @Test
    void a_direct_message_reaches_every_connection_of_its_recipient_on_any_node() throws Exception {
        var alice = enter(0, "alice", "Alice");
        var carolHere = enter(1, "carol", "Carol");
        var carolThere = enter(2, "carol", "Carol");

        alice.send("{\"type\":\"direct\",\"to\":\"carol\",\"content\":\"psst\"}");
        alice.send("{\"type\":\"direct\",\"to\":\"dave\",\"content\":\"anyone?\"}");

        assertEquals("psst", carolHere.nextOfType("direct").get("content").asText());
        assertEquals("psst", carolThere.nextOfType("direct").get("content").asText());
        var answers = new java.util.HashSet<String>();
        while (answers.size() < 2) {
            var answer = alice.next();
            switch (answer.get("type").asText()) {
                case "direct" -> answers.add("copy of " + answer.get("content").asText());
                case "error" -> answers.add(answer.get("code").asText());
                default -> { }
            }
        }
        assertEquals(java.util.Set.of("copy of psst", "user_offline"), answers,
                "the sender's own copy, and the refusal, in whichever order Redis answered them");
    }

    @Test
    void a_client_resumes_on_another_node_from_its_last_id() throws Exception {
        var alice = enter(0, "alice", "Alice");
        var bob = enter(1, "bob", "Bob");
        alice.send("{\"type\":\"chat\",\"content\":\"seen\"}");
        long seen = bob.nextOfType("chat").get("id").asLong();
        bob.close();
        alice.send("{\"type\":\"chat\",\"content\":\"missed 1\"}");
        alice.send("{\"type\":\"chat\",\"content\":\"missed 2\"}");
        alice.nextOfType("chat");
        alice.nextOfType("chat");
        alice.nextOfType("chat");

        var back = connect(2, "bob", "Bob", "&since=" + seen);

        assertTrue(back.nextOfType("presence").get("recovered").asBoolean());
        assertEquals("missed 1", back.nextOfType("chat").get("content").asText());
        assertEquals("missed 2", back.nextOfType("chat").get("content").asText());
    }

    @Test
    void a_node_that_stops_takes_its_users_out_of_presence_at_once() throws Exception {
        var alice = enter(0, "alice", "Alice");
        enter(2, "carol", "Carol");
        alice.nextJoinOf("carol");

        nodes.remove(2).stop();

        var leave = alice.nextOfType("leave");
        assertEquals("carol", leave.get("userId").asText());
        var users = AppRequests.get(nodes.get(0), "/api/rooms/dev/users").body();
        assertFalse(users.contains("carol"), users);
    }

    @Test
    void while_redis_is_down_posts_are_refused_and_once_it_is_back_the_nodes_go_on_and_say_what_was_lost()
            throws Exception {
        var alice = enter(0, "alice", "Alice");
        var bob = enter(1, "bob", "Bob");
        alice.send("{\"type\":\"chat\",\"content\":\"before\"}");
        long before = bob.nextOfType("chat").get("id").asLong();

        redis.stop();
        awaitHealth(0, "\"cluster\":\"unavailable\"");
        alice.send("{\"type\":\"chat\",\"content\":\"refused\"}");
        var refused = alice.nextOfType("error");
        assertEquals("cluster_unavailable", refused.get("code").asText(), refused.toString());

        redis.restart();
        awaitHealth(0, "\"cluster\":\"ok\"");
        awaitHealth(1, "\"cluster\":\"ok\"");
        JsonNode after;
        do {
            alice.send("{\"type\":\"chat\",\"content\":\"after\"}");
            after = alice.next();
        } while (!after.get("type").asText().equals("chat") || !after.get("content").asText().equals("after"));

        var told = bob.nextOfType("presence");
        assertFalse(told.get("recovered").asBoolean(), "Redis lost the room: bob is told he may have missed some");
        var next = bob.nextOfType("chat");
        assertEquals("after", next.get("content").asText());
        assertTrue(next.get("id").asLong() > before, "ids never go back");
    }

    @Test
    void a_node_cut_off_from_redis_stalls_no_one_refuses_its_posts_and_once_back_delivers_what_it_missed()
            throws Exception {
        try (var proxy = RedisProxy.to(redis)) {
            nodes.add(node("island", proxy.url()));
            var alice = enter(0, "alice", "Alice");
            var carol = enter(3, "carol", "Carol");
            alice.nextJoinOf("carol");

            proxy.partition();
            assertEquals("carol", alice.nextOfType("leave").get("userId").asText(), "a silent node is taken for dead");
            awaitHealth(3, "\"cluster\":\"unavailable\"");
            carol.send("{\"type\":\"chat\",\"content\":\"from the island\"}");
            assertEquals("cluster_unavailable", carol.nextOfType("error").get("code").asText());
            alice.send("{\"type\":\"chat\",\"content\":\"meanwhile\"}");
            assertEquals("meanwhile", alice.nextOfType("chat").get("content").asText(), "the others go on");
            proxy.heal();

            awaitHealth(3, "\"cluster\":\"ok\"");
            alice.nextJoinOf("carol");
            alice.send("{\"type\":\"chat\",\"content\":\"after\"}");
            assertEquals(List.of("meanwhile"), chatsBefore(carol, "after"), "carol missed nothing");
            assertEquals(List.of(), chatsBefore(alice, "after"), "what carol was refused was never published");
        }
    }

    private static List<String> chatsBefore(TestClient client, String content) throws InterruptedException {
        var chats = new ArrayList<String>();
        for (var chat = client.nextOfType("chat"); !chat.get("content").asText().equals(content);
                chat = client.nextOfType("chat")) {
            chats.add(chat.get("content").asText());
        }
        return chats;
    }

    private void awaitReady(int node, int status, String body) throws Exception {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        var answer = AppRequests.get(nodes.get(node), "/health/ready");
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            answer = AppRequests.get(nodes.get(node), "/health/ready");
        }
        assertEquals(status, answer.statusCode());
        assertEquals(body, answer.body());
    }

    private void awaitHealth(int node, String expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!AppRequests.get(nodes.get(node), "/health").body().contains(expected)) {
            assertTrue(System.nanoTime() < deadline, "node " + node + " never reported " + expected);
            Thread.yield();
        }
    }

    private static List<String> chats(TestClient client, int count) throws InterruptedException {
        var seen = new ArrayList<String>();
        while (seen.size() < count) {
            var chat = client.nextOfType("chat");
            seen.add(chat.get("id").asText() + " " + chat.get("content").asText());
        }
        return seen;
    }

    private static long id(String seen) {
        return Long.parseLong(seen.substring(0, seen.indexOf(' ')));
    }

    private TestClient enter(int node, String userId, String username) throws InterruptedException {
        var client = connect(node, userId, username);
        client.nextOfType("presence");
        return client;
    }

    private TestClient connect(int node, String userId, String username) {
        return connect(node, userId, username, "");
    }

    private TestClient connect(int node, String userId, String username, String more) {
        var client = TestClient.connect(nodes.get(node).port(),
                "userId=" + userId + "&username=" + username + "&room=dev" + more);
        clients.add(client);
        return client;
    }

    private ChatApplication node(String id) throws ConfigException {
        return node(id, redis.url());
    }

    private ChatApplication node(String id, String redisUrl) throws ConfigException {
        return node(id, redisUrl, "PRESENCE_LIMIT", "100");
    }

    private ChatApplication node(String id, String redisUrl, String variable, String value) throws ConfigException {
        return ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "STORE", "memory",
                "REDIS_URL", redisUrl, "NODE_ID", id, "NODE_TIMEOUT", "900ms", "DRAIN_TIMEOUT", "1s",
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0", variable, value))
                .config());
    }
}
