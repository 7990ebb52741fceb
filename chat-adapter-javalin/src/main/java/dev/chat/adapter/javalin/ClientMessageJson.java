package dev.chat.adapter.javalin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.chat.domain.Checked;
import dev.chat.domain.protocol.ClientMessage;
import java.io.IOException;
import java.util.HashMap;

/**
 * Reads what a client sent: a JSON object of string fields, exactly one, and nothing else. A number, a boolean, a
 * null, a nested value, a repeated key or anything after the object is refused, so that a message means one thing
 * only. Fields a client may not set, such as {@code userId} or {@code timestamp}, are ignored if they are strings.
 *
 * <p>Jackson's streaming parser reads it, with its limits set below anything a chat message needs.
 */
final class ClientMessageJson {

    static final int MAX_FIELDS = 16;
    private static final int MAX_NAME_LENGTH = 64;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxNumberLength(32)
                    .build())
            .build();

    Checked<ClientMessage> decode(String text) {
        try (var parser = factory.createParser(text)) {
            var fields = fields(parser);
            if (fields == null || parser.nextToken() != null) {
                return ClientMessage.notAnObject();
            }
            return Checked.accepted(new ClientMessage(fields.get("type"), fields.get("content"), fields.get("room"),
                    fields.get("to"), fields.get("since"), fields.get("token")));
        } catch (JacksonException e) {
            return ClientMessage.notAnObject();
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
    }

    /** The object's fields, or null if it is not an object of at most {@link #MAX_FIELDS} string fields. */
    private static HashMap<String, String> fields(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        var fields = new HashMap<String, String>();
        for (var token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            var name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING || fields.size() == MAX_FIELDS) {
                return null;
            }
            fields.put(name, parser.getText());
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? fields : null;
    }
}
