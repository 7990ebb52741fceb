package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Nonce;
import dev.chat.domain.port.needed.Cluster;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the server API asks of the cluster: a disconnect heard by every other node, and the whole chat's counts. */
class RedisOperationsTest {

    private final LocalRedis redis = LocalRedis.start();
    private final RedisCluster nodeA = redis.node("a");
    private final RedisCluster nodeB = redis.node("b");
    private final RecordingListener onA = new RecordingListener();
    private final RecordingListener onB = new RecordingListener();

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void a_disconnect_reaches_the_other_nodes_only() throws Exception {
        nodeA.start(onA);
        nodeB.start(onB);

        nodeA.disconnect("mallory", "spam, again");
        nodeA.publish("dev", Message.system("after", Instant.now())).toCompletableFuture().get();

        assertEquals("mallory spam, again", onB.nextDisconnect());
        assertEquals("after", onA.next().message().message().content(), "the bus carried both, in order");
        assertTrue(onA.disconnects.isEmpty(), "a node is not told its own disconnect");
    }

    @Test
    void a_ban_is_kept_for_every_node_and_its_change_heard_by_the_others() throws Exception {
        nodeA.start(onA);
        nodeB.start(onB);
        var ban = new Sanction("mallory", Sanction.Kind.BAN, Optional.of(Instant.parse("2026-12-31T00:00:00Z")),
                "spam", Instant.parse("2026-12-06T10:00:00Z"));
        var mute = new Sanction("eve", Sanction.Kind.MUTE, Optional.empty(), "", Instant.parse("2026-12-06T10:00:00Z"));

        nodeA.sanctions().impose(ban);
        nodeA.sanctions().impose(mute);
        nodeA.sanctioned(new SanctionChange.Imposed(ban));
        nodeA.sanctions().lift("eve", Sanction.Kind.MUTE);
        nodeA.sanctioned(new SanctionChange.Lifted("eve", Sanction.Kind.MUTE));

        assertEquals(new SanctionChange.Imposed(ban), onB.nextSanction());
        assertEquals(new SanctionChange.Lifted("eve", Sanction.Kind.MUTE), onB.nextSanction());
        assertEquals(List.of(ban), nodeB.sanctions().all());
    }

    @Test
    void a_nonce_a_user_posted_in_a_room_names_that_message_on_every_node_and_nothing_is_published_again()
            throws Exception {
        nodeA.start(onA);
        nodeB.start(onB);
        nodeB.follow("dev");
        var alice = new Identity("alice", "Alice");
        var tag = Optional.of(new Nonce("n-1"));

        var first = nodeA.publish("dev", Message.chat(alice, "hello", Instant.now()), tag).toCompletableFuture().get();
        var again = nodeB.publish("dev", Message.chat(alice, "hello", Instant.now()), tag).toCompletableFuture().get();
        var bobs = nodeB.publish("dev", Message.chat(new Identity("bob", "Bob"), "hi", Instant.now()), tag)
                .toCompletableFuture().get();

        assertEquals(new Cluster.Numbered(first.id(), true), again);
        assertEquals(new Cluster.Numbered(first.id() + 1, false), bobs, "a nonce is the user's own");
        assertEquals(tag, onA.next().nonce(), "its node hands the nonce on");
        assertEquals(Optional.empty(), onB.next().nonce(), "no other node does");
        assertEquals(2, nodeA.history().latest("dev", 10).size());
    }

    @Test
    void every_node_sees_every_node_and_each_connected_user_once() {
        nodeA.start(onA);
        nodeB.start(onB);
        nodeA.online(new Identity("alice", "Alice"));
        nodeB.online(new Identity("alice", "Alice"));
        nodeB.online(new Identity("bob", "Bob"));

        assertEquals("b", nodeB.node());
        assertEquals(List.of("a", "b"), nodeB.nodes().stream().sorted().toList());
        assertEquals(2, nodeA.connectedUsers());
    }

}
