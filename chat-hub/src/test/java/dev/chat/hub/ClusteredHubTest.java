package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Availability;
import dev.chat.domain.Identity;
import dev.chat.domain.MessageType;
import dev.chat.domain.Request;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two hubs as two nodes of one cluster: what each one's clients see of the other's. */
class ClusteredHubTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:30:00.123Z");
    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final Identity CAROL = new Identity("carol", "Carol");

    private final InProcessCluster cluster = new InProcessCluster(100);
    private final InProcessCluster.Node nodeA = cluster.node();
    private final InProcessCluster.Node nodeB = cluster.node();
    private final InMemoryMessageStore storeA = new InMemoryMessageStore();
    /** What the cluster's read marks are in Redis: one for every node. */
    private final InMemoryReadMarks marks = new InMemoryReadMarks();
    private final Hub hubA = hub(nodeA, storeA);
    private final Hub hubB = hub(nodeB, new InMemoryMessageStore());
    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHubs() {
        hubA.close();
        hubB.close();
    }

    @Test
    void a_chat_on_one_node_reaches_the_room_on_every_node_with_one_id_and_is_kept_by_its_node() throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        assertEquals("presence", field(alice.next(), "type"));
        assertEquals("join", field(alice.next(), "type"));
        hubB.connect(BOB, bob);
        assertTrue(bob.next().contains("\"count\":2"), "bob sees alice, on the other node");
        assertEquals("Bob joined", field(alice.next(), "content"), "a join on b is told on a");

        aliceClient.post(ClientMessage.chat("hello"));

        var onA = alice.next();
        var onB = bob.next();
        assertEquals("Bob joined", field(onB, "content"));
        onB = bob.next();
        assertEquals(onA, onB, "every node sends the same message, id included");
        assertEquals("hello", field(onA, "content"));
        assertEquals(Long.parseLong(field(onA, "id")), storeA.lastId("global"), "the node that published keeps it");
        assertEquals(List.of(new RoomSummary("global", 2)), hubB.rooms());
        assertEquals(List.of(ALICE, BOB), hubB.users("global"));
        assertEquals(Availability.OK, hubA.cluster());
    }

    @Test
    void connections_waiting_together_to_enter_ask_the_cluster_at_once_not_one_after_another() throws Exception {
        var loopHeld = new CountDownLatch(1);
        var loopFreed = new CountDownLatch(1);
        var bothAsking = new CyclicBarrier(2);
        var askedTogether = new AtomicInteger();
        nodeA.onFollow = room -> {
            if (room.equals("first")) {
                loopHeld.countDown();
                awaitQuietly(loopFreed);
            }
        };
        nodeA.onEnter = room -> {
            if (room.equals("second")) {
                try {
                    bothAsking.await(10, TimeUnit.SECONDS);
                    askedTogether.incrementAndGet();
                } catch (InterruptedException | BrokenBarrierException | TimeoutException alone) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        hubA.connect(ALICE, alice, new Request.Subscribe("first", null));
        assertTrue(loopHeld.await(10, TimeUnit.SECONDS));
        hubA.connect(BOB, bob, new Request.Subscribe("second", null));
        var carol = new RecordingConnection();
        hubA.connect(CAROL, carol, new Request.Subscribe("second", null));

        loopFreed.countDown();

        assertEquals("presence", field(bob.next(), "type"));
        assertEquals("presence", field(carol.next(), "type"));
        assertEquals(2, askedTogether.get(), "each asked while the other was asking");
    }

    @Test
    void a_node_follows_a_room_from_its_first_member_there_to_its_last() throws Exception {
        hubA.connect(ALICE, alice);
        alice.next(2);
        assertFalse(nodeB.follows("global"), "nobody is in it on b");

        var bobClient = hubB.connect(BOB, bob);
        bob.next(2);
        assertTrue(nodeB.follows("global"), "from bob's entering on");
        assertEquals("Bob joined", field(alice.next(), "content"));

        bobClient.disconnect();
        assertEquals("Bob left", field(alice.next(), "content"));
        awaitThat(() -> !nodeB.follows("global"), "b still follows the room its last member left");
        assertTrue(nodeA.follows("global"), "alice is still in it on a");
    }

    @Test
    void any_node_answers_for_the_whole_cluster_each_message_counted_once_by_the_node_that_published_it()
            throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        alice.next(2);
        var bobClient = hubB.connect(BOB, bob);
        bob.next(2);
        aliceClient.post(ClientMessage.chat("one"));
        aliceClient.post(ClientMessage.chat("two"));
        bobClient.post(ClientMessage.chat("three"));
        bobClient.post(new ClientMessage("direct", "psst", null, "alice", null));

        awaitThat(() -> hubA.stats().messagesByType().get(MessageType.CHAT) == 3
                && hubA.stats().messagesByType().get(MessageType.DIRECT) == 1, "b's report never counted");
        var stats = hubA.stats();
        assertEquals(2, stats.clients());
        assertEquals(2, stats.users());
        assertEquals(2, stats.messagesByType().get(MessageType.JOIN), "each join once, by the node it joined on");
        var analytics = hubA.analytics().orElseThrow();
        assertEquals(4, analytics.totalMessages(), "three chats and a direct message");
        assertEquals(2, analytics.activeConnections());
        assertEquals(2, analytics.activeUsers());
        assertEquals(List.of("alice", "bob"), analytics.activeUserDetails().stream()
                .map(dev.chat.domain.Analytics.ActiveUser::userId).sorted().toList());
        assertEquals(4, analytics.messagesPerMinute().getLast());
    }

    @Test
    void a_read_on_one_node_reaches_the_user_s_tabs_and_the_room_on_the_others() throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        alice.next(2);
        hubB.connect(BOB, bob);
        bob.next(2);
        alice.next();
        var aliceOnB = new RecordingConnection();
        hubB.connect(ALICE, aliceOnB);
        aliceClient.post(ClientMessage.chat("hello"));
        var hello = alice.next();
        bob.next();
        for (var seen = aliceOnB.next(); !seen.equals(hello); seen = aliceOnB.next()) {
            assertTrue(field(seen, "type").matches("presence|join"), "only what came before: " + seen);
        }

        aliceClient.post(ClientMessage.about("read", null, field(hello, "id"), null, null));

        var receipt = "{\"type\":\"read\",\"room\":\"global\",\"userId\":\"alice\",\"id\":\""
                + field(hello, "id") + "\"}";
        assertEquals(receipt, alice.next());
        assertEquals(receipt, aliceOnB.next(), "her tab on the other node");
        assertEquals(receipt, bob.next(), "and the room there, once");
        assertEquals(Map.of("global", Long.parseLong(field(hello, "id"))), marks.byUser("alice"));
    }

    @Test
    void typing_on_one_node_is_told_to_the_room_on_the_others_and_never_numbered() throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        alice.next(2);
        hubB.connect(BOB, bob);
        bob.next(2);
        alice.next();

        aliceClient.post(new ClientMessage("typing", null, null, null, null));
        aliceClient.post(ClientMessage.chat("after"));

        assertEquals("{\"type\":\"typing\",\"room\":\"global\",\"userId\":\"alice\",\"username\":\"Alice\"}",
                bob.next());
        assertEquals("after", field(bob.next(), "content"));
        assertEquals("after", field(alice.next(), "content"), "alice is not told of her own typing");
    }

    @Test
    void a_direct_message_finds_its_recipient_on_another_node_and_an_absent_one_is_refused() throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        alice.next(2);
        hubB.connect(BOB, bob);
        bob.next(2);
        alice.next();

        aliceClient.post(new ClientMessage("direct", "psst", null, "bob", null));
        aliceClient.post(new ClientMessage("direct", "anyone?", null, "carol", null));

        assertEquals("psst", field(bob.next(), "content"));
        assertEquals("psst", field(alice.next(), "content"), "the sender's copy");
        assertEquals("user_offline", field(alice.next(), "code"));
    }

    @Test
    void a_node_that_cannot_reach_the_cluster_refuses_posts_to_their_sender_and_keeps_its_clients() throws Exception {
        var aliceClient = hubA.connect(ALICE, alice);
        alice.next(2);
        cluster.down = true;

        aliceClient.post(ClientMessage.chat("lost?"));
        aliceClient.post(new ClientMessage("direct", "lost too?", null, "bob", null));

        assertEquals("cluster_unavailable", field(alice.next(), "code"));
        assertEquals("cluster_unavailable", field(alice.next(), "code"));
        assertEquals(Availability.UNAVAILABLE, hubA.cluster());
        hubA.connect(BOB, bob);
        assertEquals("presence", field(bob.next(), "type"), "a newcomer still enters, on this node's word");
        cluster.down = false;
        aliceClient.post(ClientMessage.chat("back"));
        assertEquals("back", field(alice.next(), "content"));
    }

    @Test
    void a_node_the_cluster_lost_track_of_tells_it_who_is_here() throws Exception {
        hubA.connect(ALICE, alice);
        alice.next(2);

        nodeA.loseTrack();

        awaitResync();
        var here = nodeA.resyncs.getFirst();
        assertTrue(here.contains(new dev.chat.domain.port.needed.Cluster.Here(null, ALICE)), here.toString());
        assertTrue(here.contains(new dev.chat.domain.port.needed.Cluster.Here("global", ALICE)), here.toString());
    }

    private void awaitResync() {
        awaitThat(() -> {
            synchronized (nodeA) {
                return !nodeA.resyncs.isEmpty();
            }
        }, "the node did not resync");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitThat(BooleanSupplier condition, String otherwise) {
        long deadline = System.nanoTime() + RecordingConnection.WAIT_SECONDS * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            Thread.yield();
        }
    }

    private Hub hub(InProcessCluster.Node node, InMemoryMessageStore store) {
        return new Hub(HubSettings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withReadMarks(marks), store,
                node).start();
    }
}
