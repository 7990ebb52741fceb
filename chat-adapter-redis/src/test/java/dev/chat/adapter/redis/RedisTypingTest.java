package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typing crosses the cluster on its bus alone: the other nodes hear it, and nothing is numbered or kept. */
class RedisTypingTest {

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
    void typing_reaches_the_other_nodes_only_and_leaves_no_trace_in_the_room_s_history() throws Exception {
        nodeA.start(onA);
        nodeB.start(onB);
        nodeB.follow("dev");

        nodeA.typing("dev", new Identity("alice", "Alice"));
        nodeA.publish("dev", Message.chat(new Identity("alice", "Alice"), "after", Instant.now()))
                .toCompletableFuture().get();

        assertEquals("dev alice Alice", onB.nextTyping());
        var chat = onB.next().message();
        assertEquals("after", chat.message().content(), "the bus keeps its order");
        assertEquals("after", onA.next().message().message().content());
        assertTrue(onA.typing.isEmpty(), "a node is not told its own typing");
        assertEquals(chat.id(), nodeB.lastId("dev"), "typing took no id");
        assertEquals(1, nodeB.history().latest("dev", 10).size(), "and nothing of it was kept");
    }

}
