package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.OperationsTest.accepted;
import static dev.chat.hub.OperationsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Sanction;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend's operations on one node of a cluster reach the users on every node. */
class ClusteredOperationsTest {

    private static final Identity BOB = new Identity("bob", "Bob");

    private final InProcessCluster cluster = new InProcessCluster(100);
    private final InProcessCluster.Node nodeA = cluster.node();
    private final InProcessCluster.Node nodeB = cluster.node();
    /** What the cluster's sanctions are in Redis: one store for every node. */
    private final InMemorySanctions sanctions = new InMemorySanctions();
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

        for (var tries = 0; hubB.barred("mallory").isEmpty() && tries < 1000; tries++) {
            hubB.rooms();
        }
        assertTrue(hubB.barred("mallory").isPresent());
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
        return new Hub(HubSettings.defaults().withSanctions(sanctions), new InMemoryMessageStore(), node).start();
    }
}
