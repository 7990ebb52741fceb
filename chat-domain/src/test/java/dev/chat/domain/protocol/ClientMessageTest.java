package dev.chat.domain.protocol;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Checked;
import dev.chat.domain.Nonce;
import dev.chat.domain.Request;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void a_chat_or_an_edit_may_carry_a_nonce_of_one_to_sixty_four_plain_characters() {
        assertEquals(Checked.accepted(new Request.Chat(null, "hi", Optional.of(new Nonce("n-1")))),
                ClientMessage.chat("hi").withNonce("n-1").check());
        assertEquals(Checked.accepted(new Request.Edit("dev", 7, "hi", Optional.of(new Nonce("x".repeat(64))))),
                ClientMessage.about("edit", "dev", "7", "hi", null).withNonce("x".repeat(64)).check());
        assertRejected(ErrorCode.INVALID_NONCE, ClientMessage.chat("hi").withNonce("").check());
        assertRejected(ErrorCode.INVALID_NONCE, ClientMessage.chat("hi").withNonce("x".repeat(65)).check());
        assertRejected(ErrorCode.INVALID_NONCE, ClientMessage.chat("hi").withNonce("a\nb").check());
    }

    @Test
    void a_chat_with_one_character_is_accepted() {
        assertEquals(new Request.Chat(null, "x"), assertAccepted(ClientMessage.chat("x").check()));
    }

    @Test
    void a_chat_with_a_thousand_characters_is_accepted() {
        assertAccepted(ClientMessage.chat("a".repeat(1000)).check());
    }

    @Test
    void a_chat_with_a_thousand_and_one_characters_is_rejected() {
        var rejection = assertRejected(ErrorCode.CONTENT_TOO_LONG, ClientMessage.chat("a".repeat(1001)).check());

        assertTrue(rejection.message().contains("1000"), rejection.message());
    }

    @Test
    void a_chat_of_a_thousand_emoji_is_accepted_although_it_is_four_thousand_bytes() {
        assertAccepted(ClientMessage.chat(EMOJI.repeat(1000)).check());
    }

    @Test
    void a_chat_of_a_thousand_and_one_emoji_is_rejected() {
        assertRejected(ErrorCode.CONTENT_TOO_LONG, ClientMessage.chat(EMOJI.repeat(1001)).check());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t "})
    void a_chat_without_content_or_with_only_blanks_is_rejected(String content) {
        assertRejected(ErrorCode.CONTENT_EMPTY, ClientMessage.chat(content).check());
    }

    @Test
    void a_chat_may_name_its_room() {
        assertEquals(new Request.Chat("lobby", "hi"),
                assertAccepted(new ClientMessage("chat", "hi", "lobby", null, null).check()));
    }

    @Test
    void a_chat_to_a_badly_named_room_is_rejected() {
        assertRejected(ErrorCode.INVALID_ROOM, new ClientMessage("chat", "hi", "no spaces", null, null).check());
    }

    @Test
    void a_direct_message_names_its_recipient_and_follows_the_content_rules() {
        assertEquals(new Request.Direct("bob", "psst"),
                assertAccepted(new ClientMessage("direct", "psst", null, "bob", null).check()));
        assertRejected(ErrorCode.RECIPIENT_REQUIRED, new ClientMessage("direct", "psst", null, " ", null).check());
        assertRejected(ErrorCode.CONTENT_TOO_LONG,
                new ClientMessage("direct", "a".repeat(1001), null, "bob", null).check());
    }

    @Test
    void a_subscribe_names_a_room_and_may_resume_after_an_id() {
        assertEquals(new Request.Subscribe("lobby", null),
                assertAccepted(new ClientMessage("subscribe", null, "lobby", null, null).check()));
        assertEquals(new Request.Subscribe("lobby", 42L),
                assertAccepted(new ClientMessage("subscribe", null, "lobby", null, "42").check()));
        assertRejected(ErrorCode.INVALID_SINCE, new ClientMessage("subscribe", null, "lobby", null, "x").check());
        assertRejected(ErrorCode.INVALID_ROOM, new ClientMessage("subscribe", null, null, null, null).check());
    }

    @Test
    void an_unsubscribe_names_a_room() {
        assertEquals(new Request.Unsubscribe("lobby"),
                assertAccepted(new ClientMessage("unsubscribe", null, "lobby", null, null).check()));
        assertRejected(ErrorCode.INVALID_ROOM, new ClientMessage("unsubscribe", null, "", null, null).check());
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "join", "leave", "presence", "error"})
    void a_client_may_not_send_the_types_only_the_server_sends(String type) {
        assertRejected(ErrorCode.TYPE_NOT_ALLOWED, message(type).check());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shout", "CHAT"})
    void an_unknown_type_is_rejected(String type) {
        assertRejected(ErrorCode.UNKNOWN_TYPE, message(type).check());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_message_without_a_type_is_rejected(String type) {
        assertRejected(ErrorCode.TYPE_REQUIRED, message(type).check());
    }

    private static ClientMessage message(String type) {
        return new ClientMessage(type, "hello", null, null, null);
    }

    @Test
    void content_with_a_lone_surrogate_is_refused_not_rewritten() {
        assertRejected(ErrorCode.CONTENT_INVALID, ClientMessage.chat("broken \uD83D here").check());
    }

    @Test
    void an_edit_delete_react_and_unreact_name_the_chat_by_its_id_and_may_leave_out_the_room() {
        assertEquals(new Request.Edit("dev", 42, "fixed"),
                assertAccepted(ClientMessage.about("edit", "dev", "42", "fixed", null).check()));
        assertEquals(new Request.Delete(null, 42), assertAccepted(ClientMessage.about("delete", null, "42", null, null).check()));
        assertEquals(new Request.React("dev", 42, EMOJI, true),
                assertAccepted(ClientMessage.about("react", "dev", "42", null, EMOJI).check()));
        assertEquals(new Request.React("dev", 42, ":shipit:", false),
                assertAccepted(ClientMessage.about("unreact", "dev", "42", null, ":shipit:").check()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "4x", " 42", "99999999999999999999", "1e3"})
    void a_change_to_a_chat_needs_the_id_of_one(String id) {
        assertRejected(ErrorCode.INVALID_ID, ClientMessage.about("delete", "dev", id, null, null).check());
    }

    @Test
    void an_edit_follows_the_rules_of_a_chat_s_content() {
        assertRejected(ErrorCode.CONTENT_EMPTY, ClientMessage.about("edit", "dev", "1", " ", null).check());
        assertRejected(ErrorCode.CONTENT_TOO_LONG, ClientMessage.about("edit", "dev", "1", "a".repeat(1001), null).check());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"thumbs up", "tab\there", "new\nline", "\u00a0", "\u202eevil",
            "123456789012345678901234567890123"})
    void an_emoji_is_one_to_thirty_two_characters_with_no_space_or_control_character(String emoji) {
        assertRejected(ErrorCode.INVALID_EMOJI, ClientMessage.about("react", "dev", "1", null, emoji).check());
    }

    @Test
    void thirty_two_emoji_make_one_reaction_though_they_are_sixty_four_chars_in_java() {
        assertAccepted(ClientMessage.about("react", "dev", "1", null, EMOJI.repeat(32)).check());
    }

    @Test
    void a_reaction_is_the_server_s_to_send() {
        assertRejected(ErrorCode.TYPE_NOT_ALLOWED, ClientMessage.about("reaction", "dev", "1", null, EMOJI).check());
    }

    @Test
    void a_read_names_the_last_message_read_and_may_leave_out_the_room() {
        assertEquals(new Request.Read("dev", 42), assertAccepted(ClientMessage.about("read", "dev", "42", null, null).check()));
        assertEquals(new Request.Read(null, 42), assertAccepted(ClientMessage.about("read", null, "42", null, null).check()));
        assertRejected(ErrorCode.INVALID_ID, ClientMessage.about("read", "dev", "x", null, null).check());
    }
}
