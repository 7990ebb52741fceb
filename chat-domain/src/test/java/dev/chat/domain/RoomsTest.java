package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RoomsTest {

    @ParameterizedTest
    @ValueSource(strings = {"global", "a", "Team-7", "v1.2_beta", "x-x.x_x"})
    void letters_digits_dashes_dots_and_underscores_make_a_room_name(String name) {
        assertEquals(name, assertAccepted(Rooms.check(name)));
    }

    @Test
    void a_room_name_has_at_most_sixty_four_characters() {
        assertAccepted(Rooms.check("r".repeat(64)));
        assertRejected(ErrorCode.INVALID_ROOM, Rooms.check("r".repeat(65)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"two words", "caf\u00e9", "a/b", "#general", "\uD83D\uDE00"})
    void anything_else_is_not_a_room_name(String name) {
        assertRejected(ErrorCode.INVALID_ROOM, Rooms.check(name));
    }

    @Test
    void a_resume_point_is_a_message_id_or_nothing() {
        assertNull(assertAccepted(Rooms.checkSince(null)));
        assertNull(assertAccepted(Rooms.checkSince("")));
        assertEquals(0L, assertAccepted(Rooms.checkSince("0")));
        assertEquals(42L, assertAccepted(Rooms.checkSince("42")));
        assertRejected(ErrorCode.INVALID_SINCE, Rooms.checkSince("-1"));
        assertRejected(ErrorCode.INVALID_SINCE, Rooms.checkSince("forty"));
    }

    @Test
    void a_room_message_has_an_id_from_one_and_a_direct_message_a_recipient() {
        var message = Message.chat(new Identity("u", "U"), "hi", Instant.EPOCH);

        assertEquals(1, new RoomMessage("global", 1, message).id());
        assertThrows(IllegalArgumentException.class, () -> new RoomMessage("global", 0, message));
        assertEquals("bob", new DirectMessage("bob", Message.direct(new Identity("u", "U"), "hi", Instant.EPOCH)).to());
        assertThrows(NullPointerException.class, () -> new DirectMessage(null, message));
    }
}
