package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.protocol.ClientMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageJsonTest {

    private final ClientMessageJson json = new ClientMessageJson();

    @Test
    void fields_a_client_may_not_set_are_ignored() {
        assertEquals(Checked.accepted(ClientMessage.chat("hi")), json.decode("""
                {"type":"chat","content":"hi","userId":"x","username":"y","timestamp":"2001-01-01T00:00:00Z"}"""));
    }

    @Test
    void unknown_fields_of_any_json_type_are_ignored_as_the_original_server_ignored_them() {
        assertEquals(Checked.accepted(ClientMessage.chat("hi")), json.decode("""
                {"type":"chat","content":"hi","clientMsgId":42,"meta":{"x":1,"tags":["a",{"b":null}]},"ok":true,\
                "nothing":null,"userId":5}"""));
    }

    @Test
    void unknown_fields_nested_deeper_than_any_message_needs_are_invalid_json() {
        var deep = "[".repeat(ClientMessageJson.MAX_DEPTH) + "]".repeat(ClientMessageJson.MAX_DEPTH);

        var decoded = json.decode("{\"type\":\"chat\",\"content\":\"a\",\"x\":" + deep + "}");

        assertEquals(ErrorCode.INVALID_JSON, ((Checked.Rejected<ClientMessage>) decoded).rejection().code());
    }

    @Test
    void missing_fields_are_read_as_absent() {
        assertEquals(Checked.accepted(new ClientMessage(null, null, null, null, null)), json.decode("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "null", "42", "[\"chat\"]", "{\"type\":", "{\"content\":{\"nested\":1}}",
        "{\"type\":\"chat\",\"content\":5}", "{\"type\":\"chat\",\"content\":true}", "{\"type\":7}",
        "{\"type\":\"chat\",\"content\":null}", "{\"type\":\"chat\",\"content\":\"a\"} trailing",
        "{\"type\":\"chat\",\"content\":\"a\"}{}", "{\"type\":\"chat\",\"content\":\"a\",\"content\":\"b\"}",
        "{\"type\":\"chat\",\"content\":[\"a\"]}", "{\"type\":\"chat\",\"room\":{\"name\":\"dev\"},\"content\":\"a\"}",
        "{\"type\":\"chat\",\"x\":[1,[2,[3]]}"})
    void anything_but_a_json_object_whose_known_fields_are_strings_is_invalid_json(String text) {
        var decoded = json.decode(text);

        assertEquals(ErrorCode.INVALID_JSON, ((Checked.Rejected<ClientMessage>) decoded).rejection().code());
    }
}
