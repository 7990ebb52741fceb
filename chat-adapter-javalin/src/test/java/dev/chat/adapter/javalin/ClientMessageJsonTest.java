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
    void missing_fields_are_read_as_absent() {
        assertEquals(Checked.accepted(new ClientMessage(null, null, null, null, null)), json.decode("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "null", "42", "[\"chat\"]", "{\"type\":", "{\"content\":{\"nested\":1}}"})
    void anything_but_a_json_object_of_strings_is_invalid_json(String text) {
        var decoded = json.decode(text);

        assertEquals(ErrorCode.INVALID_JSON, ((Checked.Rejected<ClientMessage>) decoded).rejection().code());
    }
}
