package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Read marks in a cluster: kept in Redis where every node reads them, risen only, told over the bus. */
class RedisReadMarksTest {

    private final LocalRedis redis = LocalRedis.start();
    private final RedisCluster nodeA = redis.node("a");
    private final RedisCluster nodeB = redis.node("b");

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void a_mark_set_on_one_node_is_read_on_another_and_only_rises() {
        var onA = nodeA.readMarks();
        var onB = nodeB.readMarks();

        assertTrue(onA.markRead("bob", "dev", 42));
        assertFalse(onB.markRead("bob", "dev", 41), "a lower mark changes nothing");
        assertFalse(onB.markRead("bob", "dev", 42), "nor does the same");
        assertTrue(onB.markRead("bob", "ops", 7));

        assertEquals(Map.of("dev", 42L, "ops", 7L), onA.byUser("bob"));
        assertEquals(Map.of(), onA.byUser("carol"));
    }

    @Test
    void a_risen_mark_reaches_the_other_nodes_in_the_bus_s_order_and_not_its_own() throws Exception {
        var onA = new RecordingListener();
        var onB = new RecordingListener();
        nodeA.start(onA);
        nodeB.start(onB);
        nodeB.follow("dev");

        nodeA.read("dev", "bob", 42);
        nodeA.publish("dev", Message.chat(new Identity("bob", "Bob"), "after", Instant.now())).toCompletableFuture().get();

        assertEquals("dev bob 42", onB.nextRead());
        assertEquals("after", onB.next().message().message().content());
        assertEquals("after", onA.next().message().message().content());
        assertTrue(onA.reads.isEmpty(), "a node is not told its own reads");
    }

    @Test
    void while_redis_is_down_a_mark_does_not_rise_and_the_marks_cannot_be_read() {
        var marks = nodeA.readMarks();
        marks.markRead("bob", "dev", 42);

        redis.stop();

        assertFalse(marks.markRead("bob", "dev", 43));
        assertThrows(RuntimeException.class, () -> marks.byUser("bob"), "the hub counts that as nothing read");
        redis.restart();
    }

}
