package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"global", "a", "Team-7", "v1.2_beta", "x-x.x_x"})
    void letters_digits_dashes_dots_and_underscores_make_a_room_name(String name) {
        assertEquals(name, assertAccepted(RoomName.check(name)));
    }

    @Test
    void a_room_name_has_at_most_sixty_four_characters() {
        assertAccepted(RoomName.check("r".repeat(64)));
        assertRejected(ErrorCode.INVALID_ROOM, RoomName.check("r".repeat(65)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"two words", "caf\u00e9", "a/b", "#general", "\uD83D\uDE00", ".", ".."})
    void anything_else_is_not_a_room_name(String name) {
        assertRejected(ErrorCode.INVALID_ROOM, RoomName.check(name));
    }
}
