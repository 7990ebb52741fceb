package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may change a chat, and when; the hub's tests show the same rules through a connection. */
class AmendmentsTest {

    private static final Instant POSTED = Instant.parse("2026-12-06T10:00:00Z");
    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");
    private static final RoomMessage CHAT = new RoomMessage("dev", 42, Message.chat(ALICE, "hello", POSTED));

    private final Amendments rules = new Amendments(Duration.ofHours(1));

    @Test
    void the_author_edits_within_the_window_and_not_a_moment_after() {
        assertEquals(Message.edit(ALICE, 42, "hi", POSTED.plusSeconds(3600)), assertAccepted(
                rules.check(new Request.Edit("dev", 42, "hi"), Optional.of(CHAT), ALICE, false, POSTED.plusSeconds(3600))));
        assertRejected(ErrorCode.EDIT_WINDOW_PASSED, rules.check(new Request.Edit("dev", 42, "hi"), Optional.of(CHAT),
                ALICE, false, POSTED.plusSeconds(3601)));
    }

    @Test
    void nobody_else_edits_not_even_a_moderator_but_a_moderator_deletes() {
        assertRejected(ErrorCode.FORBIDDEN, rules.check(new Request.Edit("dev", 42, "x"), Optional.of(CHAT), BOB, true,
                POSTED));
        assertRejected(ErrorCode.FORBIDDEN, rules.check(new Request.Delete("dev", 42), Optional.of(CHAT), BOB, false,
                POSTED));
        assertEquals(Message.delete(BOB, 42, POSTED),
                assertAccepted(rules.check(new Request.Delete("dev", 42), Optional.of(CHAT), BOB, true, POSTED)));
    }

    @Test
    void a_message_that_is_not_a_live_chat_is_not_found() {
        var deleted = CHAT.amendedBy(101, Message.delete(ALICE, 42, POSTED));
        var join = new RoomMessage("dev", 7, Message.joined(ALICE, POSTED));

        assertRejected(ErrorCode.NOT_FOUND, rules.check(new Request.Delete("dev", 42), Optional.empty(), ALICE, false, POSTED));
        assertRejected(ErrorCode.NOT_FOUND, rules.check(new Request.Delete("dev", 42), Optional.of(deleted), ALICE, false,
                POSTED));
        assertRejected(ErrorCode.NOT_FOUND, rules.check(new Request.React("dev", 7, ":x:", true), Optional.of(join), ALICE,
                false, POSTED));
    }

    @Test
    void the_server_deletes_any_chat_still_there_in_nobody_s_name() {
        var deletion = rules.checkRemoval(42, Optional.of(CHAT), POSTED);

        assertEquals(Checked.accepted(Message.deletedByServer(42, POSTED)), deletion);
        assertEquals("", Message.deletedByServer(42, POSTED).userId());
        assertRejected(ErrorCode.NOT_FOUND, rules.checkRemoval(42, Optional.empty(), POSTED));
        assertRejected(ErrorCode.NOT_FOUND, rules.checkRemoval(42,
                Optional.of(CHAT.amendedBy(101, Message.delete(ALICE, 42, POSTED))), POSTED));
    }

    @Test
    void a_reaction_that_would_change_nothing_is_refused_and_so_is_the_twenty_first_kind() {
        var reacted = CHAT;
        for (int i = 0; i < Changes.MAX_EMOJI; i++) {
            reacted = reacted.amendedBy(102, Message.reaction(BOB, 42, ":e" + i + ":", true, POSTED));
        }

        assertRejected(ErrorCode.ALREADY_REACTED, rules.check(new Request.React("dev", 42, ":e0:", true),
                Optional.of(reacted), BOB, false, POSTED));
        assertRejected(ErrorCode.NOT_REACTED, rules.check(new Request.React("dev", 42, ":e0:", false),
                Optional.of(reacted), ALICE, false, POSTED));
        assertEquals(Message.reaction(ALICE, 42, ":e0:", true, POSTED), assertAccepted(rules.check(
                new Request.React("dev", 42, ":e0:", true), Optional.of(reacted), ALICE, false, POSTED)),
                "an emoji already there is no new kind");
        assertRejected(ErrorCode.TOO_MANY_REACTIONS, rules.check(new Request.React("dev", 42, ":new:", true),
                Optional.of(reacted), ALICE, false, POSTED));
    }

    @Test
    void applying_a_change_twice_leaves_the_chat_as_once_and_a_deleted_chat_takes_no_more() {
        var once = CHAT.amendedBy(103, Message.reaction(BOB, 42, ":x:", true, POSTED));
        var deleted = once.amendedBy(104, Message.delete(ALICE, 42, POSTED));

        assertEquals(once, once.amendedBy(103, Message.reaction(BOB, 42, ":x:", true, POSTED)));
        assertEquals(deleted, deleted.amendedBy(106, Message.edit(ALICE, 42, "back", POSTED)));
        assertEquals(deleted, deleted.amendedBy(107, Message.reaction(BOB, 42, ":y:", true, POSTED)));
        assertEquals(Map.of(), once.amendedBy(108, Message.reaction(BOB, 42, ":x:", false, POSTED)).changes().reactions());
        assertEquals(108, once.amendedBy(108, Message.reaction(BOB, 42, ":x:", false, POSTED)).changes().revision());
        assertThrows(IllegalArgumentException.class, () -> CHAT.amendedBy(109, Message.chat(ALICE, "no", POSTED)));
        assertThrows(IllegalArgumentException.class, () -> new Message(MessageType.EDIT, "a", "A", "x", POSTED));
        assertThrows(IllegalArgumentException.class, () -> new Amendments(Duration.ofSeconds(-1)));
    }
}
