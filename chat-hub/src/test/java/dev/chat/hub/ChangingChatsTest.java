package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.RoomHubs.ALICE;
import static dev.chat.hub.RoomHubs.BOB;
import static dev.chat.hub.RoomHubs.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Amendments;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edits, deletions and reactions: each is a message of the room with its own id, delivered, kept and resumed like a
 * chat; the chat it changes is shown as it is now to whoever reads history; a refusal goes to its sender only.
 */
class ChangingChatsTest {

    private static final String THUMBS = "\uD83D\uDC4D";

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final TrackingThreads threads = new TrackingThreads();
    private final Hub hub = new Hub(HubSettings.defaults().withRoomLimits(new RoomLimits(3, 10, 100))
            .withWriteInterval(Duration.ZERO).withThreads(threads).withClock(clock)
            .withAmendments(new Amendments(Duration.ofHours(48))), new InMemoryMessageStore()).start();

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void an_edit_reaches_every_member_with_its_own_id_and_a_newcomer_sees_the_chat_as_edited() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();
        alice.say("dev", "helo");
        var chat = bob.next();
        alice.next();

        clock.advance(Duration.ofMinutes(1));
        alice.client().post(about("edit", field(chat, "id"), "hello", null));

        var edit = bob.next();
        assertEquals("{\"type\":\"edit\",\"room\":\"dev\",\"id\":\"" + (id(chat) + 1) + "\",\"target\":\"" + id(chat)
                + "\",\"userId\":\"alice\",\"username\":\"Alice\",\"content\":\"hello\","
                + "\"timestamp\":\"2026-12-06T10:01:00Z\"}", edit);
        assertEquals(edit, alice.next());
        var history = historyOf(Tab.open(hub, CAROL, new Request.Subscribe("dev", null)), CAROL);
        assertTrue(history.contains("{\"type\":\"chat\",\"room\":\"dev\",\"id\":\"" + id(chat) + "\",\"userId\":\"alice\","
                + "\"username\":\"Alice\",\"content\":\"hello\",\"timestamp\":\"2026-12-06T10:00:00Z\","
                + "\"editedAt\":\"2026-12-06T10:01:00Z\",\"revision\":\"" + (id(chat) + 1) + "\"}"), history.toString());
        assertFalse(history.contains(edit), "history shows the chat edited, not the edit");
    }

    @Test
    void a_deletion_carries_no_text_and_history_keeps_the_chat_s_place_with_nothing_of_what_it_said() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "my password is hunter2");
        var chat = alice.next();

        alice.client().post(about("delete", field(chat, "id"), null, null));

        var deletion = alice.next();
        assertEquals("delete", field(deletion, "type"));
        assertEquals(field(chat, "id"), field(deletion, "target"));
        assertFalse(deletion.contains("hunter2"));
        var history = historyOf(Tab.open(hub, BOB, new Request.Subscribe("dev", null)), BOB);
        var kept = history.stream().filter(message -> field(message, "id").equals(field(chat, "id"))).findFirst()
                .orElseThrow();
        assertTrue(kept.contains("\"deleted\":true"), kept);
        assertEquals(null, field(kept, "content"));
        assertTrue(history.stream().noneMatch(message -> message.contains("hunter2")), history.toString());
        assertTrue(hub.history("dev", null, 10).stream().noneMatch(message -> message.text().contains("hunter2")),
                "nor does the history route");
    }

    @Test
    void only_the_author_edits_or_deletes_and_a_refusal_reaches_its_sender_alone() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        var bob = Tab.enter(hub, BOB, "dev");
        alice.next();
        alice.say("dev", "mine");
        var chat = bob.next();
        alice.next();

        bob.client().post(about("edit", field(chat, "id"), "yours now", null));
        bob.client().post(about("delete", field(chat, "id"), null, null));
        bob.client().post(about("delete", "999", null, null));
        alice.say("dev", "still here");

        assertEquals("forbidden", field(bob.next(), "code"));
        assertEquals("forbidden", field(bob.next(), "code"));
        assertEquals("not_found", field(bob.next(), "code"));
        assertEquals("still here", field(bob.next(), "content"));
        assertEquals("still here", field(alice.next(), "content"), "alice heard nothing of bob's attempts");
    }

    @Test
    void an_operator_deletes_anyone_s_chat_and_a_deleted_chat_can_no_longer_be_changed() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "spam");
        var chat = alice.next();
        var operator = new RecordingConnection();
        var moderator = new Identity("mod", "Mod");
        var client = hub.connect(moderator, new RoomAccess(RoomPatterns.NONE, RoomPatterns.NONE, true), operator,
                new Request.Subscribe("dev", null));
        var mod = new Tab(operator, client);
        historyOf(mod, moderator);
        alice.next();

        client.post(about("delete", field(chat, "id"), null, null));
        assertEquals("delete", field(alice.next(), "type"));
        alice.client().post(about("edit", field(chat, "id"), "back", null));

        assertEquals("not_found", field(alice.next(), "code"));
    }

    @Test
    void an_edit_after_the_window_is_refused_but_a_deletion_is_allowed_at_any_time() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "old news");
        var chat = alice.next();

        clock.advance(Duration.ofHours(48).plusSeconds(1));
        alice.client().post(about("edit", field(chat, "id"), "new news", null));
        alice.client().post(about("delete", field(chat, "id"), null, null));

        assertEquals("edit_window_passed", field(alice.next(), "code"));
        assertEquals("delete", field(alice.next(), "type"));
    }

    @Test
    void a_user_adds_an_emoji_once_takes_it_back_once_and_a_chat_carries_at_most_twenty_kinds() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "vote");
        var chat = alice.next();
        var target = field(chat, "id");

        alice.client().post(about("react", target, null, THUMBS));
        alice.client().post(about("react", target, null, THUMBS));
        alice.client().post(about("unreact", target, null, THUMBS));
        alice.client().post(about("unreact", target, null, THUMBS));
        alice.say("dev", "done");

        var added = alice.next();
        assertEquals("reaction", field(added, "type"));
        assertEquals(THUMBS, field(added, "emoji"));
        assertEquals("add", field(added, "op"));
        assertEquals("already_reacted", field(alice.next(), "code"));
        assertEquals("remove", field(alice.next(), "op"));
        assertEquals("not_reacted", field(alice.next(), "code"));
        assertEquals("done", field(alice.next(), "content"));

        for (int i = 0; i < 20; i++) {
            alice.client().post(about("react", target, null, ":e" + i + ":"));
            assertEquals("add", field(alice.next(), "op"));
        }
        alice.client().post(about("react", target, null, ":one-too-many:"));
        assertEquals("too_many_reactions", field(alice.next(), "code"));
        var history = hub.history("dev", null, 50);
        assertTrue(history.stream().anyMatch(message -> message.text().contains("\"reactions\":{\":e0:\":1,")),
                history.toString());
    }

    @Test
    void a_client_that_resumes_gets_every_change_made_while_it_was_away() throws Exception {
        var alice = Tab.enter(hub, ALICE, "dev");
        alice.say("dev", "first");
        var chat = alice.next();
        alice.client().post(about("edit", field(chat, "id"), "first!", null));
        alice.client().post(about("react", field(chat, "id"), null, THUMBS));
        alice.next();
        alice.next();

        var back = Tab.open(hub, BOB, new Request.Subscribe("dev", id(chat)));
        assertTrue(back.next().contains("\"recovered\":true"));
        assertEquals("edit", field(back.next(), "type"));
        assertEquals("reaction", field(back.next(), "type"));
    }

    private static ClientMessage about(String type, String id, String content, String emoji) {
        return ClientMessage.about(type, "dev", id, content, emoji);
    }

    private static long id(String message) {
        return Long.parseLong(field(message, "id"));
    }

    /** What a connection just opened is sent before its own join. */
    private static List<String> historyOf(Tab tab, Identity who) throws InterruptedException {
        assertEquals("presence", field(tab.next(), "type"));
        var history = new ArrayList<String>();
        for (var message = tab.next(); !field(message, "type").equals("join")
                || !field(message, "userId").equals(who.userId()); message = tab.next()) {
            history.add(message);
        }
        return history;
    }
}
