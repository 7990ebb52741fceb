package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SanctionTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant END = Instant.parse("2026-12-31T00:00:00Z");

    @Test
    void a_sanction_holds_until_its_end_and_one_without_an_end_until_lifted() {
        var ban = new Sanction("mallory", Sanction.Kind.BAN, Optional.of(END), "spam", AT);
        var mute = new Sanction("mallory", Sanction.Kind.MUTE, Optional.empty(), "", AT);

        assertTrue(ban.holdsAt(END.minusMillis(1)));
        assertFalse(ban.holdsAt(END));
        assertTrue(mute.holdsAt(Instant.MAX));
    }

    @Test
    void its_user_is_told_what_it_is_until_when_and_why() {
        var ban = new Sanction("mallory", Sanction.Kind.BAN, Optional.of(END), "spam", AT);
        var mute = new Sanction("mallory", Sanction.Kind.MUTE, Optional.empty(), "", AT);

        assertEquals(new Rejection(ErrorCode.BANNED, "you are banned until 2026-12-31T00:00:00Z: spam"), ban.rejection());
        assertEquals(new Rejection(ErrorCode.MUTED, "you are muted; nothing you post is sent"), mute.rejection());
        assertEquals(List.of("ban", "mute"), List.of(Sanction.Kind.BAN.wireName(), Sanction.Kind.MUTE.wireName()));
    }

    @Test
    void a_reason_is_one_plain_line_of_at_most_two_hundred_characters_and_none_is_empty() {
        assertEquals(Checked.accepted(""), Sanction.checkReason(null));
        assertEquals(Checked.accepted("x".repeat(200)), Sanction.checkReason("x".repeat(200)));
        assertRejected(ErrorCode.INVALID_PARAMETER, Sanction.checkReason("x".repeat(201)));
        assertRejected(ErrorCode.INVALID_PARAMETER, Sanction.checkReason("a\nb"));
    }

    @Test
    void a_sanction_names_its_user_kind_end_reason_and_time() {
        assertThrows(NullPointerException.class, () -> new Sanction(null, Sanction.Kind.BAN, Optional.empty(), "", AT));
        assertEquals("mallory", new SanctionChange.Lifted("mallory", Sanction.Kind.MUTE).userId());
        var imposed = new SanctionChange.Imposed(new Sanction("eve", Sanction.Kind.MUTE, Optional.empty(), "", AT));
        assertEquals("eve", imposed.userId());
        assertEquals(Sanction.Kind.MUTE, imposed.kind());
    }

    @Test
    void server_info_keeps_its_nodes_as_given() {
        var info = new ServerInfo("n1", List.of("n1", "n2"), AT, 3, Map.of("n1", 3), 2, 1);

        assertEquals(List.of("n1", "n2"), info.nodes());
        assertEquals(Map.of("n1", 3), info.connectionsByNode());
        assertThrows(NullPointerException.class, () -> new ServerInfo(null, List.of(), AT, 0, Map.of(), 0, 0));
    }
}
