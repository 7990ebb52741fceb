package dev.chat.adapter.javalin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.chat.domain.Checked;
import dev.chat.domain.protocol.ClientMessage;

/** Reads what a client sent. Fields it may not set, such as {@code userId} or {@code timestamp}, are ignored. */
final class ClientMessageJson {

    private final ObjectReader reader = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(ClientMessage.class);

    Checked<ClientMessage> decode(String text) {
        try {
            ClientMessage message = reader.readValue(text);
            return message == null ? ClientMessage.notAnObject() : Checked.accepted(message);
        } catch (JacksonException e) {
            return ClientMessage.notAnObject();
        }
    }
}
