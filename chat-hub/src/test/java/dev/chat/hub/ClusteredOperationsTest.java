package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.OperationsTest.accepted;
import static dev.chat.hub.OperationsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.Sanction;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend's operations on one node of a cluster reach the users on every node. */
class ClusteredOperationsTest {

    private static final Identity BOB = new Identity("bob", "Bob");

    private final InProcessCluster cluster = new InProcessCluster(100);
    private final InProcessCluster.Node nodeA = cluster.node();
    private final InProcessCluster.Node nodeB = cluster.node();
    /** What the cluster's sanctions and history are in Redis: one store of each for every node. */
    private final InMemorySanctions sanctions = new InMemorySanctions();
    private final InMemoryMessageStore history = new InMemoryMessageStore();
    private final Hub hubA = hub(nodeA);
    private final Hub hubB = hub(nodeB);
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHubs() {
        hubA.close();
        hubB.close();
    }

    @Test
    void a_post_on_a_node_without_the_room_s_members_is_numbered_by_the_cluster_and_reaches_them() throws Exception {
        hubB.connect(BOB, bob);
        bob.next(2);

        var posted = accepted(hubA.post("global", Optional.empty(), "from the backend"));

        assertEquals(WireFormat.encode(posted).text(), bob.next());
        assertEquals(List.of("node-1", "node-2"), hubA.info().nodes());
        assertEquals(1, hubA.info().users(), "bob, on the other node");
    }

    @Test
    void a_direct_a_disconnect_and_a_ban_on_one_node_reach_the_user_on_another() throws Exception {
        hubB.connect(BOB, bob);
        bob.next(2);

        accepted(hubA.send("bob", Optional.empty(), "last warning"));
        hubA.disconnect("bob", "ignored the warning");

        assertEquals("last warning", field(bob.next(), "content"));
        assertEquals("ignored the warning", field(bob.next(), "message"));
        assertEquals(CloseReason.DISCONNECTED, bob.awaitClosed());
        var again = new RecordingConnection();
        hubB.connect(BOB, again);
        accepted(hubA.sanction("bob", Sanction.Kind.BAN, Optional.empty(), "spam"));
        var told = again.next();
        while (!field(told, "type").equals("error")) {
            told = again.next();
        }
        assertEquals("banned", field(told, "code"));
        assertEquals(CloseReason.BANNED, again.awaitClosed());
        assertTrue(hubB.barred("bob").isPresent());
    }

    @Test
    void a_node_that_lost_the_cluster_reads_the_sanctions_again() throws Exception {
        sanctions.impose(new Sanction("mallory", Sanction.Kind.BAN, Optional.empty(), "", Instant.now()));

        nodeB.loseTrack();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hubB.barred("mallory").isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertTrue(hubB.barred("mallory").isPresent());
    }

    @Test
    void a_chat_resent_to_another_node_with_its_nonce_is_not_posted_again() throws Exception {
        var onA = new RecordingConnection();
        var clientA = hubA.connect(BOB, onA);
        onA.next(2);
        var clientB = hubB.connect(BOB, bob);
        bob.next(2);

        clientA.post(ClientMessage.chat("hello").withNonce("n-1"));
        var echoed = onA.next();
        var seenOnB = bob.next();
        clientB.post(ClientMessage.chat("hello").withNonce("n-1"));

        assertEquals("n-1", field(echoed, "nonce"));
        assertTrue(!seenOnB.contains("nonce"), "only the sending node's connections see it: " + seenOnB);
        var again = bob.next();
        assertEquals(field(echoed, "id"), field(again, "id"), "the original, sent again");
        assertEquals("n-1", field(again, "nonce"));
        var tag = Optional.of(new Nonce("k-1"));
        var posted = accepted(hubA.post("global", Optional.empty(), "Deploying", tag));
        assertEquals(posted, accepted(hubB.post("global", Optional.empty(), "Deploying", tag)));
    }

    @Test
    void while_the_cluster_is_down_a_post_or_a_direct_is_refused_and_nothing_is_sent() throws Exception {
        hubB.connect(BOB, bob);
        bob.next(2);
        cluster.down = true;

        assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, refused(hubA.post("global", Optional.empty(), "lost?")).code());
        assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, refused(hubA.send("bob", Optional.empty(), "lost?")).code());
    }

    private Hub hub(InProcessCluster.Node node) {
        return new Hub(HubSettings.defaults().withSanctions(sanctions), history, node).start();
    }
}
