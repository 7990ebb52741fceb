package dev.chat.domain.port.needed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Changes;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} does, ours or an embedder's. A store's test extends this class and says how to
 * make a fresh, empty store; the store may keep more than these tests write (a few rooms of some hundred messages)
 * but not less. What a store forgets past its own bounds is for its own test to say.
 *
 * <p>Published in {@code chat-domain}'s test jar: depend on {@code dev.chat:chat-domain} with
 * {@code <type>test-jar</type>} and {@code <scope>test</scope>}.
 */
public abstract class MessageStoreContract {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final String THUMBS = "\uD83D\uDC4D";

    private MessageStore store;

    /** A new store with nothing in it. */
    protected abstract MessageStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void an_empty_or_unknown_room_has_no_messages_and_last_id_zero() {
        assertEquals(0, store.lastId("nowhere"));
        assertEquals(List.of(), store.latest("nowhere", 10));
        assertEquals(List.of(), store.after("nowhere", 0, 10));
        assertEquals(List.of(), store.before("nowhere", 5, 10));
    }

    @Test
    void a_message_comes_back_exactly_as_it_was_kept() {
        var message = new RoomMessage("lobby", 1,
                Message.chat(new Identity("alice", "Alice \uD83D\uDE00"), "caf\u00e9 \"quoted\"\nline", AT));

        store.append(message);

        assertEquals(List.of(message), store.latest("lobby", 1));
    }

    @Test
    void the_last_id_is_the_newest_message_kept() {
        append("lobby", 1, 7);

        assertEquals(7, store.lastId("lobby"));
    }

    @Test
    void latest_is_the_newest_messages_oldest_first() {
        append("lobby", 1, 7);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), ids(store.latest("lobby", 10)));
        assertEquals(List.of(6L, 7L), ids(store.latest("lobby", 2)));
    }

    @Test
    void after_an_id_comes_everything_newer_oldest_first_up_to_the_limit() {
        append("lobby", 1, 7);

        assertEquals(List.of(5L, 6L, 7L), ids(store.after("lobby", 4, 10)));
        assertEquals(List.of(5L, 6L), ids(store.after("lobby", 4, 2)));
        assertEquals(List.of(), ids(store.after("lobby", 7, 10)));
        assertEquals(List.of(1L, 2L, 3L), ids(store.after("lobby", 0, 3)));
    }

    @Test
    void before_an_id_comes_the_newest_page_older_than_it() {
        append("lobby", 1, 5);

        assertEquals(List.of(2L, 3L, 4L), ids(store.before("lobby", 5, 3)));
        assertEquals(List.of(1L), ids(store.before("lobby", 2, 3)));
        assertEquals(List.of(), ids(store.before("lobby", 1, 3)));
    }

    @Test
    void rooms_are_kept_apart() {
        append("a", 1, 2);
        append("b", 1, 3);

        assertEquals(List.of(1L, 2L), ids(store.latest("a", 10)));
        assertEquals(List.of(1L, 2L, 3L), ids(store.latest("b", 10)));
        assertEquals(3, store.lastId("b"));
        assertEquals("a", store.latest("a", 1).getFirst().room());
    }

    @Test
    void a_users_chats_over_every_room_page_back_by_time_and_a_tie_in_the_same_millisecond_loses_none() {
        var alice = new Identity("alice", "Alice");
        var bob = new Identity("bob", "Bob");
        store.append(new RoomMessage("a", 1, Message.joined(alice, AT)));
        store.append(new RoomMessage("a", 2, Message.chat(alice, "first", AT)));
        store.append(new RoomMessage("b", 1, Message.chat(alice, "tied in b", AT.plusMillis(5))));
        store.append(new RoomMessage("a", 3, Message.chat(alice, "tied in a", AT.plusMillis(5))));
        store.append(new RoomMessage("a", 4, Message.chat(bob, "not hers", AT.plusMillis(6))));
        store.append(new RoomMessage("b", 2, Message.chat(alice, "last", AT.plusMillis(9))));

        var newest = store.byUser("alice", MessagePosition.NEWEST, 2);
        var older = store.byUser("alice", MessagePosition.of(newest.getFirst()), 2);
        var oldest = store.byUser("alice", MessagePosition.of(older.getFirst()), 2);

        assertEquals(List.of("tied in b", "last"), contents(newest));
        assertEquals(List.of("first", "tied in a"), contents(older));
        assertEquals(List.of(), oldest, "her join is not one of her messages");
        assertEquals(List.of(), store.byUser("nobody", MessagePosition.NEWEST, 10));
    }

    @Test
    void an_edited_chat_reads_with_its_new_content_and_when_it_was_edited_in_every_view() {
        var edited = AT.plusSeconds(60);
        store.append(new RoomMessage("lobby", 1, Message.chat(ALICE, "helo", AT)));
        store.append(new RoomMessage("lobby", 2, Message.edit(ALICE, 1, "hello", edited)));

        var now = new RoomMessage("lobby", 1, Message.chat(ALICE, "hello", AT), Changes.NONE.edited(edited).revised(2));
        assertEquals(List.of(now), store.latest("lobby", 10), "a page shows the chat as edited, not the edit");
        assertEquals(List.of(now), store.before("lobby", 3, 10));
        assertEquals(List.of(now, new RoomMessage("lobby", 2, Message.edit(ALICE, 1, "hello", edited))),
                store.after("lobby", 0, 10), "a resume gets the edit too, under its own id");
        assertEquals(List.of(now), store.byUser("alice", MessagePosition.NEWEST, 10));
        assertEquals(Optional.of(now), store.find("lobby", 1));
    }

    @Test
    void a_deleted_chat_keeps_its_id_and_place_but_its_text_and_the_text_of_its_edits_are_gone() {
        store.append(new RoomMessage("lobby", 1, Message.chat(ALICE, "my secret", AT)));
        store.append(new RoomMessage("lobby", 2, Message.edit(ALICE, 1, "my other secret", AT.plusSeconds(1))));
        store.append(new RoomMessage("lobby", 3, Message.reaction(BOB, 1, THUMBS, true, AT.plusSeconds(2))));
        store.append(new RoomMessage("lobby", 4, Message.delete(ALICE, 1, AT.plusSeconds(3))));

        var kept = store.after("lobby", 0, 10);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(kept));
        assertEquals(List.of(kept.getFirst()), store.latest("lobby", 10));
        assertEquals(List.of("", "", THUMBS, ""), contents(kept));
        assertTrue(kept.getFirst().changes().deleted());
        assertEquals(Map.of(), kept.getFirst().changes().reactions(), "a deleted chat has no reactions left");
        assertTrue(store.find("lobby", 1).orElseThrow().changes().deleted());
        assertTrue(store.byUser("alice", MessagePosition.NEWEST, 10).getFirst().changes().deleted());
    }

    @Test
    void reactions_count_each_user_once_per_emoji_and_one_taken_back_is_gone() {
        store.append(new RoomMessage("lobby", 1, Message.chat(ALICE, "ship it?", AT)));
        store.append(new RoomMessage("lobby", 2, Message.reaction(BOB, 1, THUMBS, true, AT)));
        store.append(new RoomMessage("lobby", 3, Message.reaction(BOB, 1, THUMBS, true, AT)));
        store.append(new RoomMessage("lobby", 4, Message.reaction(ALICE, 1, THUMBS, true, AT)));
        store.append(new RoomMessage("lobby", 5, Message.reaction(BOB, 1, ":shipit:", true, AT)));
        store.append(new RoomMessage("lobby", 6, Message.reaction(BOB, 1, ":shipit:", false, AT)));

        var chat = store.find("lobby", 1).orElseThrow();
        assertEquals(Map.of(THUMBS, 2), chat.changes().reactionCounts());
        assertTrue(chat.changes().hasReacted(THUMBS, "bob"));
        assertEquals(chat, store.latest("lobby", 6).getFirst());
    }

    @Test
    void a_change_to_a_chat_the_store_does_not_have_is_kept_and_changes_nothing_else() {
        store.append(new RoomMessage("lobby", 1, Message.chat(ALICE, "hello", AT)));
        store.append(new RoomMessage("lobby", 2, Message.edit(ALICE, 99, "nothing there", AT)));
        store.append(new RoomMessage("other", 1, Message.delete(ALICE, 1, AT)));

        assertEquals(new RoomMessage("lobby", 1, Message.chat(ALICE, "hello", AT)), store.find("lobby", 1).orElseThrow());
        assertEquals(Optional.empty(), store.find("lobby", 99));
        assertEquals(2, store.lastId("lobby"));
    }

    @Test
    void unread_counts_the_chats_of_others_after_the_mark_that_are_not_deleted_up_to_the_cap() {
        store.append(new RoomMessage("lobby", 1, Message.chat(BOB, "read already", AT)));
        store.append(new RoomMessage("lobby", 2, Message.chat(BOB, "unread", AT)));
        store.append(new RoomMessage("lobby", 3, Message.joined(BOB, AT)));
        store.append(new RoomMessage("lobby", 4, Message.chat(ALICE, "her own", AT)));
        store.append(new RoomMessage("lobby", 5, Message.chat(BOB, "deleted", AT)));
        store.append(new RoomMessage("lobby", 6, Message.delete(BOB, 5, AT)));
        store.append(new RoomMessage("lobby", 7, Message.chat(BOB, "unread too", AT)));

        assertEquals(2, store.unread("lobby", "alice", 1, MessageStore.UNREAD_CAP));
        assertEquals(3, store.unread("lobby", "alice", 0, MessageStore.UNREAD_CAP));
        assertEquals(2, store.unread("lobby", "alice", 0, 2), "the count stops at the cap");
        assertEquals(0, store.unread("lobby", "alice", 7, MessageStore.UNREAD_CAP));
        assertEquals(0, store.unread("nowhere", "alice", 0, MessageStore.UNREAD_CAP));
    }

    @Test
    void unread_reaches_back_past_one_page() {
        append("lobby", 1, MessageStore.UNREAD_PAGE * 2 + 10);

        assertEquals(MessageStore.UNREAD_PAGE + 20, store.unread("lobby", "alice", MessageStore.UNREAD_PAGE - 10,
                Integer.MAX_VALUE));
        assertEquals(MessageStore.UNREAD_CAP, store.unread("lobby", "alice", 0, MessageStore.UNREAD_CAP));
    }

    @Test
    void a_page_of_history_leaves_out_the_changes_and_still_fills_its_limit_with_what_came_before() {
        store.append(new RoomMessage("lobby", 1, Message.chat(ALICE, "one", AT)));
        store.append(new RoomMessage("lobby", 2, Message.chat(BOB, "two", AT)));
        for (long id = 3; id <= 302; id++) {
            store.append(new RoomMessage("lobby", id, Message.reaction(new Identity("u" + id, "U"), 1, THUMBS, true, AT)));
        }
        store.append(new RoomMessage("lobby", 303, Message.chat(BOB, "three", AT)));

        assertEquals(List.of(1L, 2L, 303L), ids(store.latest("lobby", 3)));
        assertEquals(List.of(2L, 303L), ids(store.latest("lobby", 2)));
        assertEquals(List.of(1L, 2L), ids(store.before("lobby", 303, 5)));
        assertEquals(300, store.find("lobby", 1).orElseThrow().changes().reactionCounts().get(THUMBS));
        assertEquals(303, store.lastId("lobby"));
    }

    /** The history API reads from its own threads while the loop appends: every page it reads is whole. */
    @Test
    void pages_read_while_messages_are_appended_are_in_order_without_holes() throws Exception {
        var done = new AtomicBoolean();
        try (var readers = Executors.newFixedThreadPool(2)) {
            var checks = new ArrayList<Future<Integer>>();
            for (int r = 0; r < 2; r++) {
                checks.add(readers.submit(() -> {
                    int pages = 0;
                    while (!done.get() || pages == 0) {
                        assertContiguous(store.latest("busy", 50));
                        long last = store.lastId("busy");
                        if (last > 1) {
                            assertContiguous(store.before("busy", last, 20));
                            assertContiguous(store.after("busy", last / 2, 20));
                        }
                        pages++;
                    }
                    return pages;
                }));
            }
            append("busy", 1, 300);
            done.set(true);
            for (var check : checks) {
                assertTrue(check.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS) > 0);
            }
        }
        assertEquals(300, store.lastId("busy"));
    }

    private static List<String> contents(List<RoomMessage> messages) {
        return messages.stream().map(kept -> kept.message().content()).toList();
    }

    private void append(String room, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(id -> store.append(new RoomMessage(room, id,
                Message.chat(new Identity("u", "U"), "m" + id, AT))));
    }

    private static void assertContiguous(List<RoomMessage> page) {
        for (int i = 1; i < page.size(); i++) {
            assertEquals(page.get(i - 1).id() + 1, page.get(i).id(), "a page out of order or with a hole: " + page);
        }
    }

    private static List<Long> ids(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::id).toList();
    }
}
