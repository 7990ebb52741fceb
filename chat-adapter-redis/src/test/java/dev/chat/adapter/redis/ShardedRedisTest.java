package dev.chat.adapter.redis;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.Sanction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes over three real Redis servers, which share the rooms and users between them. */
class ShardedRedisTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private final List<LocalRedis> servers = new ArrayList<>();
    private final List<RedisCluster> nodes = new ArrayList<>();
    private RecordingListener heardByA;
    private RecordingListener heardByB;
    private RedisCluster a;
    private RedisCluster b;

    @BeforeEach
    void startThreeServersAndTwoNodes() {
        IntStream.range(0, 3).forEach(i -> servers.add(LocalRedis.start()));
        heardByA = new RecordingListener();
        heardByB = new RecordingListener();
        a = node("a", heardByA);
        b = node("b", heardByB);
    }

    @AfterEach
    void stopEverything() {
        nodes.forEach(RedisCluster::close);
        servers.forEach(LocalRedis::close);
    }

    @Test
    void each_room_lives_whole_on_one_server_and_every_node_following_it_hears_it() throws Exception {
        for (var server : servers) {
            var room = nameOn(server, "room");
            b.follow(room);
            long id = publish(a, room, "hello " + room);

            var heard = heardByB.next().message();
            assertEquals(List.of(id, "hello " + room), List.of(heard.id(), heard.message().content()));
            for (var other : servers) {
                assertEquals(other == server, !keys(other, "chat:room:{" + room + "}:*").isEmpty(),
                        room + "'s keys are on its server alone");
            }
        }
    }

    @Test
    void presence_counts_and_room_lists_sum_over_every_server() throws Exception {
        var rooms = servers.stream().map(server -> nameOn(server, "room")).toList();
        var alice = new Identity(nameOn(servers.get(0), "user"), "Alice");
        var bob = new Identity(nameOn(servers.get(1), "user"), "Bob");
        a.online(alice);
        b.online(bob);
        rooms.forEach(room -> a.enter(room, alice, AT));
        b.enter(rooms.get(2), bob, AT);

        awaitThat(() -> a.connectedUsers() == 2, "both users are counted, each kept on its own server");
        assertEquals(List.of(new RoomSummary(rooms.get(2), 2), new RoomSummary(rooms.get(0), 1),
                new RoomSummary(rooms.get(1), 1)).stream().sorted(byMembers()).toList(), b.rooms());
        assertEquals(Set.of(alice, bob), Set.copyOf(a.users(rooms.get(2))));
        assertEquals(List.of("a", "b"), b.nodes());
    }

    @Test
    void a_direct_message_reaches_the_senders_other_node_when_another_server_keeps_the_sender() throws Exception {
        var alice = new Identity(nameOn(servers.get(0), "user"), "Alice");
        var bob = new Identity(nameOn(servers.get(1), "user"), "Bob");
        var heardByC = new RecordingListener();
        var c = node("c", heardByC);
        a.online(alice);
        c.online(alice);
        b.online(bob);
        awaitThat(() -> a.connectedUsers() == 2, "alice and bob are connected");

        var direct = new DirectMessage(bob.userId(), Message.direct(alice, "between us", AT));
        assertTrue(a.send(direct).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertEquals(direct, heardByB.nextDirect(), "the recipient's node");
        assertEquals(direct, heardByC.nextDirect(), "the sender's other tab's node");
        assertEquals(direct, heardByA.nextDirect(), "the sending node, which counts it");
        assertTrue(heardByA.direct.isEmpty() && heardByB.direct.isEmpty() && heardByC.direct.isEmpty(),
                "each node heard it once");
    }

    @Test
    void bans_and_read_marks_are_kept_where_their_user_is_and_read_from_every_server() {
        var users = servers.stream().map(server -> nameOn(server, "user")).toList();
        users.forEach(user -> a.sanctions().impose(new Sanction(user, Sanction.Kind.BAN, Optional.empty(), "spam",
                AT)));
        a.readMarks().markRead(users.get(2), "lobby", 7);

        assertEquals(Set.copyOf(users), b.sanctions().all().stream().map(Sanction::userId).collect(toSet()));
        assertEquals(Map.of("lobby", 7L), b.readMarks().byUser(users.get(2)));
        assertTrue(keys(servers.get(0), "chat:reads:*").isEmpty() && keys(servers.get(1), "chat:reads:*").isEmpty());
    }

    @Test
    void a_server_that_stops_stops_only_its_own_rooms_and_comes_back_without_a_gap() throws Exception {
        var down = servers.get(1);
        var stopped = nameOn(down, "room");
        var going = nameOn(servers.get(0), "room");
        b.follow(stopped);
        b.follow(going);
        a.enter(going, new Identity("carol", "Carol"), AT);
        heardByB.next();
        long before = publish(a, stopped, "before");
        heardByB.next();

        down.stop();
        awaitThat(() -> !a.available(), "a notices that one of its servers is gone");
        var refused = assertThrows(ExecutionException.class, () -> publish(a, stopped, "refused"));
        assertTrue(refused.getCause().getMessage() != null);
        publish(a, going, "goes on");
        assertEquals("goes on", heardByB.next().message().message().content(), "the other rooms go on");
        assertEquals(List.of(new RoomSummary(going, 1)), b.rooms(), "the rooms of the servers that answer");

        down.restart();
        awaitThat(() -> a.available() && b.available(), "both nodes reconnect by themselves");
        awaitThat(() -> heardByA.presenceLost.get() > 0, "a learns that the server forgot it");
        var heard = publishUntilHeard(a, stopped, heardByB);
        assertTrue(heard > before, "ids in the room never go back, though its server lost its number");
    }

    @Test
    void a_node_does_not_open_while_a_server_of_its_list_is_down_says_which_and_leaves_the_others_as_they_were() {
        servers.get(2).stop();
        var before = Set.copyOf(keys(servers.get(0), "*"));

        var refused = assertThrows(IllegalStateException.class, () -> node("c", new RecordingListener()));

        assertTrue(refused.getMessage().startsWith("cannot reach Redis at 127.0.0.1:" + servers.get(2).port()),
                refused.getMessage());
        assertEquals(before, Set.copyOf(keys(servers.get(0), "*")), "the servers it had reached hold nothing of c");
        assertEquals(List.of("a", "b"), a.nodes());
    }

    @Test
    void warming_up_shares_its_rounds_among_the_servers_and_leaves_each_as_it_was() {
        var keysBefore = servers.stream().map(server -> Set.copyOf(keys(server, "*"))).toList();
        var getsBefore = servers.stream().map(ShardedRedisTest::getsAnswered).toList();

        assertEquals(50, a.warmUp(50));

        assertEquals(keysBefore, servers.stream().map(server -> Set.copyOf(keys(server, "*"))).toList());
        assertEquals(List.of(17L, 17L, 16L), IntStream.range(0, 3)
                .mapToObj(i -> getsAnswered(servers.get(i)) - getsBefore.get(i)).toList(),
                "each server is asked its share of the rooms' offsets, once a round");
    }

    /** How many GETs the server answered, from its command statistics: heartbeats send none. */
    private static long getsAnswered(LocalRedis server) {
        try (var client = io.lettuce.core.RedisClient.create(server.url()); var connection = client.connect()) {
            var stats = connection.sync().info("commandstats");
            var found = java.util.regex.Pattern.compile("cmdstat_get:calls=(\\d+)").matcher(stats);
            return found.find() ? Long.parseLong(found.group(1)) : 0;
        }
    }

    private RedisCluster node(String id, RecordingListener listener) {
        var node = RedisCluster.open(new RedisSettings(servers.stream().map(LocalRedis::url).toList(), id,
                Duration.ofMillis(900), 100, 100, Duration.ofMillis(500)), Clock.systemUTC());
        node.start(listener);
        nodes.add(node);
        return node;
    }

    private String nameOn(LocalRedis server, String prefix) {
        return server.nameHeld(prefix, servers);
    }

    private static List<String> keys(LocalRedis server, String pattern) {
        try (var client = io.lettuce.core.RedisClient.create(server.url()); var connection = client.connect()) {
            return connection.sync().keys(pattern);
        }
    }

    private static long publish(RedisCluster node, String room, String content) throws Exception {
        return node.publish(room, Message.chat(new Identity("alice", "Alice"), content, AT)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Publishes in the room until the listener hears it: a node resubscribes a moment after it reconnects. */
    private static long publishUntilHeard(RedisCluster node, String room, RecordingListener listener) {
        var heard = new long[1];
        awaitThat(() -> {
            try {
                publish(node, room, "after");
                var arrival = listener.published.poll(100, TimeUnit.MILLISECONDS);
                heard[0] = arrival == null ? 0 : arrival.message().id();
                return arrival != null;
            } catch (Exception e) {
                return false;
            }
        }, "b hears the room again");
        return heard[0];
    }

    private static Comparator<RoomSummary> byMembers() {
        return Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room);
    }

    private static void awaitThat(BooleanSupplier condition, String otherwise) {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            Thread.yield();
        }
    }
}
