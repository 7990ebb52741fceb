package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void a_chat_with_one_character_is_accepted() {
        assertEquals(new Request.Chat("x"), assertAccepted(new ClientMessage("chat", "x").check()));
    }

    @Test
    void a_chat_with_a_thousand_characters_is_accepted() {
        assertAccepted(new ClientMessage("chat", "a".repeat(1000)).check());
    }

    @Test
    void a_chat_with_a_thousand_and_one_characters_is_rejected() {
        var rejection = assertRejected(ErrorCode.CONTENT_TOO_LONG, new ClientMessage("chat", "a".repeat(1001)).check());

        assertTrue(rejection.message().contains("1000"), rejection.message());
    }

    @Test
    void a_chat_of_a_thousand_emoji_is_accepted_although_it_is_four_thousand_bytes() {
        assertAccepted(new ClientMessage("chat", EMOJI.repeat(1000)).check());
    }

    @Test
    void a_chat_of_a_thousand_and_one_emoji_is_rejected() {
        assertRejected(ErrorCode.CONTENT_TOO_LONG, new ClientMessage("chat", EMOJI.repeat(1001)).check());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t "})
    void a_chat_without_content_or_with_only_blanks_is_rejected(String content) {
        assertRejected(ErrorCode.CONTENT_EMPTY, new ClientMessage("chat", content).check());
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "join", "leave"})
    void a_client_may_not_send_the_types_only_the_server_sends(String type) {
        assertRejected(ErrorCode.TYPE_NOT_ALLOWED, new ClientMessage(type, "hello").check());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shout", "CHAT", "error"})
    void an_unknown_type_is_rejected(String type) {
        assertRejected(ErrorCode.UNKNOWN_TYPE, new ClientMessage(type, "hello").check());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_message_without_a_type_is_rejected(String type) {
        assertRejected(ErrorCode.TYPE_REQUIRED, new ClientMessage(type, "hello").check());
    }
}
