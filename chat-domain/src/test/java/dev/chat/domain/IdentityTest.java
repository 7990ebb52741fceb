package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void a_username_of_one_character_is_accepted() {
        assertAccepted(Identity.check("u1", "A", () -> "unused"));
    }

    @Test
    void a_username_of_fifty_characters_is_accepted() {
        assertAccepted(Identity.check("u1", "a".repeat(50), () -> "unused"));
    }

    @Test
    void a_username_of_fifty_one_characters_is_rejected() {
        assertRejected(ErrorCode.USERNAME_TOO_LONG, Identity.check("u1", "a".repeat(51), () -> "unused"));
    }

    @Test
    void a_username_of_fifty_emoji_is_accepted_because_length_counts_characters_not_bytes() {
        assertAccepted(Identity.check("u1", EMOJI.repeat(50), () -> "unused"));
    }

    @Test
    void a_username_of_fifty_one_emoji_is_rejected() {
        assertRejected(ErrorCode.USERNAME_TOO_LONG, Identity.check("u1", EMOJI.repeat(51), () -> "unused"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "   \n "})
    void a_missing_or_blank_username_is_rejected(String username) {
        assertRejected(ErrorCode.USERNAME_REQUIRED, Identity.check("u1", username, () -> "unused"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_missing_user_id_is_assigned(String userId) {
        var checked = Identity.check(userId, "Alice", () -> "assigned-1");

        assertEquals(new Identity("assigned-1", "Alice"), assertAccepted(checked));
    }

    @Test
    void a_given_user_id_is_kept() {
        assertEquals(new Identity("alice", "Alice"), assertAccepted(Identity.check("alice", "Alice", () -> "x")));
    }

    @Test
    void a_user_id_of_sixty_four_characters_is_accepted_and_sixty_five_is_rejected() {
        assertAccepted(Identity.check("u".repeat(64), "Alice", () -> "x"));
        assertRejected(ErrorCode.USER_ID_TOO_LONG, Identity.check("u".repeat(65), "Alice", () -> "x"));
    }

    @Test
    void a_name_that_reorders_text_or_holds_a_control_character_is_refused() {
        assertRejected(ErrorCode.USERNAME_INVALID, Identity.check("u1", "Alice\u202Eetalp", () -> "x"));
        assertRejected(ErrorCode.USER_ID_INVALID, Identity.check("u\u0000", "Alice", () -> "x"));
    }
}
