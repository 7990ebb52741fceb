package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's history shows chats as they are now: edits, deletions and reactions are numbered like chats and
 * applied in the same step of the script, and a deleted chat's text is gone from Redis, not hidden.
 */
class RedisChangesTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final LocalRedis redis = LocalRedis.start();
    private final RedisCluster node = node("a", 2000);
    private final RedisHistory history = node.history();

    @AfterEach
    void stop() {
        node.close();
        redis.close();
    }

    @Test
    void an_edited_and_reacted_chat_reads_as_it_is_now_and_the_changes_keep_their_own_ids() throws Exception {
        node.start(new RecordingListener());
        long chat = publish(Message.chat(ALICE, "helo", AT));
        long edit = publish(Message.edit(ALICE, chat, "hello", AT.plusSeconds(1)));
        publish(Message.reaction(BOB, chat, "\uD83D\uDC4D", true, AT));
        publish(Message.reaction(ALICE, chat, "\uD83D\uDC4D", true, AT));

        var now = history.find("dev", chat).orElseThrow();
        assertEquals("hello", now.message().content());
        assertEquals(AT.plusSeconds(1), now.changes().editedAt());
        assertEquals(Map.of("\uD83D\uDC4D", 2), now.changes().reactionCounts());
        assertEquals(edit + 2, now.changes().revision(), "the last change applied");
        assertEquals(List.of(now), history.latest("dev", 10), "pages leave the changes out");
        assertEquals(List.of(chat, edit, edit + 1, edit + 2), ids(history.after("dev", 0, 10)));
    }

    @Test
    void a_deleted_chat_and_its_edits_leave_no_text_in_redis_and_every_read_keeps_their_ids() throws Exception {
        node.start(new RecordingListener());
        long chat = publish(Message.chat(ALICE, "launch code 4711", AT));
        long edit = publish(Message.edit(ALICE, chat, "launch code 4712", AT));
        long after = publish(Message.chat(BOB, "unrelated", AT));
        long deletion = publish(Message.delete(ALICE, chat, AT));

        assertEquals(List.of(chat, edit, after, deletion), ids(history.after("dev", 0, 10)));
        assertEquals(List.of(edit, after), ids(history.after("dev", chat, 2)));
        assertEquals(List.of(chat, after), ids(history.latest("dev", 10)));
        assertEquals(List.of(chat), ids(history.before("dev", after, 2)));
        assertTrue(history.find("dev", chat).orElseThrow().changes().deleted());
        assertEquals("", history.find("dev", edit).orElseThrow().message().content());
        try (var client = RedisClient.create(redis.url()); var direct = client.connect()) {
            for (var key : direct.sync().keys("*")) {
                var type = direct.sync().type(key);
                var text = switch (type) {
                    case "stream" -> direct.sync().xrange(key, Range.unbounded()).toString();
                    case "hash" -> direct.sync().hgetall(key).toString();
                    default -> "";
                };
                assertFalse(text.contains("launch code"), key + " still holds the deleted text: " + text);
            }
        }
    }

    @Test
    void a_page_reads_back_past_a_run_of_changes_longer_than_one_read_of_the_stream() throws Exception {
        node.start(new RecordingListener());
        long first = publish(Message.chat(ALICE, "first", AT));
        for (int i = 0; i < 1200; i++) {
            publish(Message.reaction(new Identity("u" + i, "U"), first, ":+1:", true, AT));
        }
        long last = publish(Message.chat(BOB, "last", AT));

        assertEquals(List.of(first, last), ids(history.latest("dev", 5)));
        assertEquals(1200, history.latest("dev", 5).getFirst().changes().reactionCounts().get(":+1:"));
    }

    @Test
    void changes_to_messages_the_stream_has_trimmed_away_are_forgotten_with_them() throws Exception {
        var keepingFive = node("b", 5);
        keepingFive.start(new RecordingListener());
        long chat = publish(keepingFive, Message.chat(ALICE, "old", AT));
        publish(keepingFive, Message.reaction(BOB, chat, ":+1:", true, AT));
        long recent = 0;
        for (int i = 0; i < 6; i++) {
            recent = publish(keepingFive, Message.chat(ALICE, "m" + i, AT));
        }
        publish(keepingFive, Message.reaction(BOB, recent, ":+1:", true, AT));
        keepingFive.close();

        try (var client = RedisClient.create(redis.url()); var direct = client.connect()) {
            assertEquals(List.of(Long.toString(recent)), direct.sync().hkeys(RedisHistory.key("dev", "now")));
        }
        assertTrue(history.find("dev", chat).isEmpty());
    }

    @Test
    void unread_counts_in_redis_the_chats_of_others_after_the_mark_that_are_not_deleted_up_to_the_cap()
            throws Exception {
        node.start(new RecordingListener());
        long mark = publish(Message.chat(BOB, "read", AT));
        long unread = publish(Message.chat(BOB, "unread", AT));
        publish(Message.chat(ALICE, "her own", AT));
        publish(Message.joined(new Identity("carol", "Carol"), AT));
        long deleted = publish(Message.chat(BOB, "deleted", AT));
        publish(Message.delete(BOB, deleted, AT));
        publish(Message.edit(BOB, unread, "edited", AT));
        long last = publish(Message.chat(BOB, "unread too", AT));

        assertEquals(2, history.unread("dev", "alice", mark, MessageStore.UNREAD_CAP));
        assertEquals(3, history.unread("dev", "alice", 0, MessageStore.UNREAD_CAP));
        assertEquals(2, history.unread("dev", "alice", 0, 2), "the count stops at the cap");
        assertEquals(1, history.unread("dev", "bob", 0, MessageStore.UNREAD_CAP));
        assertEquals(0, history.unread("dev", "alice", last, MessageStore.UNREAD_CAP));
        assertEquals(0, history.unread("nowhere", "alice", 0, MessageStore.UNREAD_CAP));
    }

    @Test
    void unread_reads_back_through_more_of_the_stream_than_one_page() throws Exception {
        node.start(new RecordingListener());
        long first = 0;
        for (int i = 0; i < 300; i++) {
            long chat = publish(Message.chat(BOB, "m" + i, AT));
            first = first == 0 ? chat : first;
            publish(Message.joined(new Identity("u" + i, "U"), AT));
        }

        assertEquals(299, history.unread("dev", "alice", first, 1000));
        assertEquals(300, history.unread("dev", "alice", 0, 1000));
        assertEquals(250, history.unread("dev", "alice", 0, 250));
    }

    private long publish(Message message) throws Exception {
        return publish(node, message);
    }

    private static long publish(RedisCluster on, Message message) throws Exception {
        return on.publish("dev", message).toCompletableFuture().get();
    }

    private RedisCluster node(String name, int historyPerRoom) {
        return RedisCluster.open(new RedisSettings(List.of(redis.url()), name, Duration.ofSeconds(5), historyPerRoom, 100,
                RedisSettings.DEFAULT_COMMAND_TIMEOUT), Clock.systemUTC());
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }
}
