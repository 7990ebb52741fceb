package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Analytics;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.LatencySummary;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.NodeReport;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.needed.Cluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes over one real Redis, each as its hub sees it through the {@link Cluster} port. */
class RedisClusterTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final Identity CAROL = new Identity("carol", "Carol");
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final int HISTORY = 5;

    private static LocalRedis redis;
    private final List<RedisCluster> nodes = new ArrayList<>();
    private RecordingListener heardByA;
    private RecordingListener heardByB;
    private RedisCluster a;
    private RedisCluster b;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startTwoNodes() {
        heardByA = new RecordingListener();
        heardByB = new RecordingListener();
        a = node("a", heardByA);
        b = node("b", heardByB);
        a.follow("lobby");
        b.follow("lobby");
    }

    /** Every key and what it holds, as text. */
    private static Map<String, String> everything() {
        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
            var all = new TreeMap<String, String>();
            for (var key : connection.sync().keys("*")) {
                all.put(key, switch (connection.sync().type(key)) {
                    case "string" -> connection.sync().get(key);
                    case "hash" -> new TreeMap<>(connection.sync().hgetall(key)).toString();
                    case "set" -> new TreeSet<>(connection.sync().smembers(key)).toString();
                    case "zset" -> connection.sync().zrange(key, 0, -1).toString();
                    case "stream" -> connection.sync().xrange(key, io.lettuce.core.Range.unbounded()).toString();
                    default -> connection.sync().type(key);
                });
            }
            return all;
        }
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(RedisCluster::close);
        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
            connection.sync().flushall();
        }
    }

    @Test
    void warming_up_leaves_redis_as_it_was_and_tells_the_other_nodes_nothing() throws Exception {
        a.enter("lobby", ALICE, AT);
        heardByB.next();
        var before = everything();

        a.warmUp(50);

        assertEquals(before, everything());
        publish(a, "lobby", "after");
        assertEquals("after", heardByB.next().message().message().content(), "nothing came to b before this");
    }

    @Test
    void a_message_published_on_one_node_reaches_every_node_once_with_one_id() throws Exception {
        long id = publish(a, "lobby", "hello");

        var onA = heardByA.next();
        var onB = heardByB.next();
        assertEquals(id, onA.message().id());
        assertEquals(onA.message(), onB.message(), "every node reads the same message");
        assertTrue(onA.fromHere());
        assertFalse(onB.fromHere());
        assertEquals(new RoomMessage("lobby", id, Message.chat(ALICE, "hello", AT)), onB.message());
    }

    @Test
    void ids_increase_in_one_order_whichever_node_publishes() throws Exception {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 10; i++) {
            ids.add(publish(i % 2 == 0 ? a : b, "lobby", "m" + i));
        }

        for (int i = 0; i < 10; i++) {
            var onA = heardByA.next().message();
            var onB = heardByB.next().message();
            assertEquals(ids.get(i), onA.id());
            assertEquals(onA, onB);
            assertEquals("m" + i, onA.message().content());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) + 1, ids.get(i));
        }
        assertEquals(ids.getLast(), a.lastId("lobby"));
        assertEquals(0, a.lastId("empty"));
    }

    @Test
    void a_node_hears_a_room_only_while_it_follows_it_and_misses_nothing_from_the_id_it_followed_at()
            throws Exception {
        long unheard = publish(a, "quiet", "before b followed");
        assertEquals(unheard, heardByA.next().message().id(), "its publisher hears it, on its own channel");

        assertEquals(unheard, b.follow("quiet"), "following says where the room is");
        long heard = publish(a, "quiet", "after b followed");
        assertEquals(heard, heardByB.next().message().id(), "b heard nothing before it followed, all after");

        b.unfollow("quiet");
        awaitThat(() -> subscribers("quiet") == 0, "b no longer subscribes to the room");
        publish(a, "quiet", "after b left");
        publish(a, "lobby", "in the lobby");
        assertEquals("in the lobby", heardByB.next().message().message().content(), "b heard nothing more of it");
    }

    @Test
    void a_node_hears_what_it_publishes_once_whether_or_not_it_follows_the_room() throws Exception {
        publish(a, "lobby", "followed");
        publish(a, "elsewhere", "not followed");
        publish(b, "lobby", "from b");

        var arrivals = List.of(heardByA.next(), heardByA.next(), heardByA.next());
        assertEquals(List.of("followed", "not followed", "from b"),
                contents(arrivals.stream().map(RecordingListener.Arrival::message).toList()), "each once, in order");
        assertEquals(List.of(true, true, false), arrivals.stream().map(RecordingListener.Arrival::fromHere).toList());
    }

    @Test
    void a_room_followed_while_redis_is_down_is_heard_once_it_is_back() throws Exception {
        redis.stop();
        awaitThat(() -> !a.available(), "a notices that Redis is gone");
        assertThrows(IllegalStateException.class, () -> a.follow("later"));

        redis.restart();
        awaitThat(() -> a.available() && b.available(), "both nodes reconnect by themselves");
        var heard = publishUntilHeard(b, "later", heardByA, "a hears the room it followed while Redis was down");
        assertEquals("later", heard.room());
    }

    @Test
    void a_first_message_is_numbered_from_the_clock_so_ids_survive_a_redis_that_lost_its_data() throws Exception {
        long id = publish(a, "lobby", "first");

        assertTrue(id > dev.chat.domain.MessageIds.origin(Instant.now().minusSeconds(60)), "id " + id);
    }

    @Test
    void history_keeps_each_rooms_newest_messages_in_redis() throws Exception {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < HISTORY + 2; i++) {
            ids.add(publish(a, "lobby", "m" + i));
        }
        var history = b.history();

        assertEquals(contents(2, 7), contents(history.latest("lobby", 10)), "bounded to the newest " + HISTORY);
        assertEquals(contents(5, 7), contents(history.latest("lobby", 2)));
        assertEquals(contents(4, 6), contents(history.after("lobby", ids.get(3), 2)));
        assertEquals(contents(2, 4), contents(history.before("lobby", ids.get(4), 10)));
        assertEquals(List.of(), history.before("lobby", 1, 10));
        assertEquals(List.of(), history.latest("nowhere", 10));
        assertEquals(ids.getLast(), history.lastId("lobby"));
        assertEquals(List.of(), history.byUser("alice", null, 10), "users' history is the durable store's");
    }

    @Test
    void a_user_joins_once_and_leaves_once_whichever_nodes_hold_its_connections() throws Exception {
        var first = a.enter("lobby", ALICE, AT);
        var second = b.enter("lobby", ALICE, AT);
        var bob = b.enter("lobby", BOB, AT);

        assertEquals(new Cluster.Entered(Cluster.Change.ANNOUNCED, 1, List.of(ALICE)), first);
        assertEquals(new Cluster.Entered(Cluster.Change.NONE, 1, List.of(ALICE)), second);
        assertEquals(2, bob.users());
        assertEquals(List.of(ALICE, BOB), a.users("lobby"));
        assertEquals(List.of(new RoomSummary("lobby", 2)), b.rooms());
        assertEquals(MessageType.JOIN, heardByB.next().message().message().type());
        assertEquals("Bob joined", heardByB.next().message().message().content());

        assertEquals(Cluster.Change.NONE, a.leave("lobby", ALICE, AT), "still in on node b");
        assertEquals(Cluster.Change.ANNOUNCED, b.leave("lobby", ALICE, AT));
        assertEquals(Cluster.Change.NONE, b.leave("lobby", ALICE, AT), "a leave is told once");
        heardByA.next();
        heardByA.next();
        assertEquals("Alice left", heardByA.next().message().message().content());
        assertEquals(List.of(BOB), a.users("lobby"));
    }

    @Test
    void changes_in_a_room_over_the_presence_limit_are_left_to_the_summary() throws Exception {
        var small = node("small", new RecordingListener(), 1);
        small.enter("crowd", ALICE, AT);

        var over = small.enter("crowd", BOB, AT);

        assertEquals(Cluster.Change.TO_SUMMARISE, over.change());
        assertEquals(2, over.users());
        assertEquals(1, over.shown().size(), "at most the limit are shown");
        assertEquals(Cluster.Change.NONE, small.leave("crowd", BOB, AT), "into the summary this node announces");
    }

    @Test
    void a_room_over_the_presence_limit_gets_one_summary_of_every_node_s_changes_from_the_node_that_claimed_it()
            throws Exception {
        var heardOnA = new RecordingListener();
        var onA = node("sa", heardOnA, 1);
        var onB = node("sb", new RecordingListener(), 1);
        onA.follow("crowd");
        onA.enter("crowd", ALICE, AT);
        assertEquals("Alice joined", heardOnA.next().message().message().content());

        assertEquals(Cluster.Change.TO_SUMMARISE, onB.enter("crowd", BOB, AT).change(), "b claims the tally");
        assertEquals(Cluster.Change.NONE, onA.enter("crowd", CAROL, AT).change(), "a adds to it");
        assertEquals(Cluster.Change.NONE, onA.leave("crowd", CAROL, AT), "a adds to it");
        onB.summarise("crowd", Message.presenceSummary(1, 0, AT));

        assertEquals("2 joined, 1 left", heardOnA.next().message().message().content(), "one summary, of both nodes");
        assertEquals(Cluster.Change.TO_SUMMARISE, onA.enter("crowd", CAROL, AT).change(), "a new tally, claimed by a");
    }

    @Test
    void a_direct_message_reaches_the_nodes_of_its_sender_and_recipient_while_the_recipient_is_connected()
            throws Exception {
        var direct = new DirectMessage("bob", Message.direct(ALICE, "psst", AT));
        assertFalse(a.send(direct).toCompletableFuture().get(), "bob is connected nowhere");

        a.online(ALICE);
        b.online(BOB);
        awaitThat(() -> sent(direct), "bob is connected on b");

        assertEquals(direct, heardByB.nextDirect());
        assertEquals(direct, heardByA.nextDirect(), "alice's own tabs on a get their copy");
        b.offline(BOB);
        awaitThat(() -> !sent(direct), "bob left b");
    }

    @Test
    void a_direct_message_does_not_reach_a_node_where_neither_its_sender_nor_its_recipient_is() throws Exception {
        var heardByC = new RecordingListener();
        var c = node("c", heardByC);
        a.online(ALICE);
        b.online(BOB);
        c.online(CAROL);
        awaitThat(() -> b.connectedUsers() == 3, "all three are connected");

        assertTrue(a.send(new DirectMessage("bob", Message.direct(ALICE, "between us", AT))).toCompletableFuture()
                .get());
        var toCarol = new DirectMessage("carol", Message.direct(BOB, "hello carol", AT));
        assertTrue(b.send(toCarol).toCompletableFuture().get());

        assertEquals(toCarol, heardByC.nextDirect(), "c heard only what concerned carol");
        assertEquals("between us", heardByA.nextDirect().message().content());
        assertTrue(heardByA.direct.isEmpty(), "a has neither bob nor carol");
    }

    @Test
    void a_node_that_stops_beating_has_its_users_leave_within_its_timeout_announced_once() throws Exception {
        try (var ghost = new GhostNode(redis.url(), "ghost")) {
            ghost.enter("lobby", ALICE, AT);
            assertEquals("Alice joined", heardByA.next().message().message().content());
            heardByB.next();

            ghost.neverBeats();

            var leave = heardByA.next().message();
            assertEquals("Alice left", leave.message().content());
            assertEquals(leave, heardByB.next().message());
            assertEquals(List.of(), a.users("lobby"));
            assertEquals(List.of(), a.rooms());
            publish(b, "lobby", "after");
            assertEquals("after", heardByA.next().message().message().content(), "both nodes reaped, one leave told");
        }
    }

    @Test
    void a_node_that_stops_takes_its_users_out_of_presence_at_once() throws Exception {
        var leaving = node("leaving", new RecordingListener());
        leaving.enter("lobby", BOB, AT);
        heardByA.next();

        leaving.close();

        assertEquals("Bob left", heardByA.next().message().message().content());
        assertEquals(List.of(), b.users("lobby"));
    }

    @Test
    void a_node_told_again_who_is_here_announces_only_what_changed() throws Exception {
        a.enter("lobby", ALICE, AT);
        a.enter("lobby", BOB, AT);
        heardByB.next();
        heardByB.next();
        b.follow("other");

        a.resync(List.of(new Cluster.Here("lobby", ALICE), new Cluster.Here("other", ALICE),
                new Cluster.Here(null, ALICE)), AT);

        var changes = List.of(heardByB.next().message(), heardByB.next().message());
        assertTrue(changes.stream().anyMatch(m -> m.room().equals("lobby") && m.message().content().equals("Bob left")),
                changes.toString());
        assertTrue(changes.stream().anyMatch(m -> m.room().equals("other")
                && m.message().content().equals("Alice joined")), changes.toString());
        assertEquals(List.of(ALICE), b.users("lobby"));
        assertTrue(b.send(new DirectMessage("alice", Message.direct(BOB, "hi", AT))).toCompletableFuture().get());
    }

    @Test
    void while_redis_is_down_posts_fail_and_once_it_is_back_the_node_resubscribes_and_asks_to_resync()
            throws Exception {
        long before = publish(a, "lobby", "before");
        heardByB.next();

        redis.stop();
        awaitThat(() -> !a.available(), "a notices that Redis is gone");
        var failure = assertThrows(ExecutionException.class, () -> publish(a, "lobby", "lost"));
        assertTrue(failure.getCause().getMessage() != null);
        assertThrows(IllegalStateException.class, () -> a.enter("lobby", ALICE, AT));

        redis.restart();
        awaitThat(() -> a.available() && b.available(), "both nodes reconnect by themselves");
        awaitThat(() -> heardByA.presenceLost.get() > 0, "a learns that Redis forgot it");
        // b may be connected again a moment before its subscription is: what a publishes until then, b misses
        // (a node fills such a gap from history), so a publishes until b hears it.
        var heard = publishUntilHeard(a, "lobby", heardByB, "b hears what a publishes again");
        assertEquals("after", heard.message().content(), "b is subscribed again");
        assertTrue(heard.id() > before, "ids never go back, even though Redis lost the room's number");
    }

    @Test
    void a_partitioned_node_says_it_is_cut_off_and_what_it_was_refused_is_never_published_after_the_heal()
            throws Exception {
        try (var proxy = RedisProxy.to(redis)) {
            var heardByC = new RecordingListener();
            var c = node("c", heardByC, 100, proxy.url());
            c.follow("lobby");

            proxy.partition();
            var refused = assertThrows(ExecutionException.class, () -> publish(c, "lobby", "from the island"));
            assertTrue(refused.getCause().getMessage().contains("timed out"), refused.getCause().getMessage());
            awaitThat(() -> !c.available(), "c says it is cut off, though its connections are open");
            long meanwhile = publish(a, "lobby", "meanwhile");
            proxy.heal();

            awaitThat(c::available, "c answers again");
            long after = publish(c, "lobby", "back");
            assertEquals(List.of("meanwhile", "back"), contents(List.of(heardByB.next().message(),
                    heardByB.next().message())), "what c was refused did not follow it out of the partition");
            assertEquals(meanwhile + 1, after);
            assertEquals("meanwhile", heardByC.next().message().message().content(), "held, then delivered");
        }
    }

    @Test
    void a_node_whose_clock_is_an_hour_off_still_publishes_because_deadlines_are_on_redis_clock() throws Exception {
        var late = RedisCluster.open(new RedisSettings(List.of(redis.url()), "late", Duration.ofMillis(900), HISTORY, 100,
                Duration.ofMillis(500)), Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        nodes.add(late);
        late.start(new RecordingListener());

        publish(late, "lobby", "on time");

        assertEquals("on time", heardByB.next().message().message().content());
    }

    @Test
    void a_node_s_report_is_read_by_the_others_until_it_leaves() throws Exception {
        var stats = new HubStats(3, 12, 1, 1, 0, 2, 1, 30, Map.of(MessageType.CHAT, 10L, MessageType.JOIN, 2L), 0);
        var analytics = new Analytics(10, 3, 2, 4, List.of(0L, 4L, 6L), new LatencySummary(0.5, 1.25, 3.0),
                List.of(new Analytics.ActiveUser("alice", "Alice", AT)), AT, 60);
        var leaving = node("leaving", new RecordingListener());

        leaving.report(stats, analytics);

        awaitThat(() -> !a.reports().isEmpty(), "a never read leaving's report");
        assertEquals(List.of(new NodeReport("leaving", stats, analytics)), a.reports());
        assertEquals(List.of(), leaving.reports(), "a node reads only the others'");
        leaving.close();
        assertEquals(List.of(), a.reports(), "a node that left reports nothing");
    }

    @Test
    void a_node_cannot_open_without_redis() {
        var settings = new RedisSettings(List.of("redis://127.0.0.1:1"), "lonely", Duration.ofSeconds(1), HISTORY, 100,
                Duration.ofMillis(500));
        var refused = assertThrows(IllegalStateException.class, () -> RedisCluster.open(settings, Clock.systemUTC()));
        assertTrue(refused.getMessage().startsWith("cannot reach Redis at 127.0.0.1:1"), refused.getMessage());
    }

    private boolean sent(DirectMessage direct) {
        try {
            return a.send(direct).toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private RedisCluster node(String id, RecordingListener listener) {
        return node(id, listener, 100);
    }

    private RedisCluster node(String id, RecordingListener listener, int presenceLimit) {
        return node(id, listener, presenceLimit, redis.url());
    }

    private RedisCluster node(String id, RecordingListener listener, int presenceLimit, String url) {
        var node = RedisCluster.open(new RedisSettings(List.of(url), id, Duration.ofMillis(900), HISTORY,
                presenceLimit, Duration.ofMillis(500)), Clock.systemUTC());
        node.start(listener);
        nodes.add(node);
        return node;
    }

    /** Publishes "after" in the room again and again until the listener hears one: the first it hears. */
    private static RoomMessage publishUntilHeard(RedisCluster node, String room, RecordingListener listener,
            String otherwise) {
        var heard = new AtomicReference<RoomMessage>();
        awaitThat(() -> {
            try {
                publish(node, room, "after");
                var arrival = listener.published.poll(100, TimeUnit.MILLISECONDS);
                heard.set(arrival == null ? null : arrival.message());
                return arrival != null;
            } catch (Exception e) {
                return false;
            }
        }, otherwise);
        return heard.get();
    }

    private long subscribers(String room) {
        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
            return connection.sync().pubsubNumsub(Channels.room(room)).get(Channels.room(room));
        }
    }

    private static long publish(RedisCluster node, String room, String content) throws Exception {
        return node.publish(room, Message.chat(ALICE, content, AT)).toCompletableFuture().get();
    }

    private static List<String> contents(int from, int to) {
        var contents = new ArrayList<String>();
        for (int i = from; i < to; i++) {
            contents.add("m" + i);
        }
        return contents;
    }

    private static List<String> contents(List<RoomMessage> messages) {
        return messages.stream().map(message -> message.message().content()).toList();
    }

    private static void awaitThat(BooleanSupplier condition, String otherwise) {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            Thread.yield();
        }
    }
}
