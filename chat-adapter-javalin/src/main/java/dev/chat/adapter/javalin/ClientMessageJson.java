package dev.chat.adapter.javalin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.chat.domain.Checked;
import dev.chat.domain.protocol.ClientMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Set;

/**
 * Reads what a client sent: exactly one JSON object, and nothing after it. The fields the protocol knows ({@code type},
 * {@code content}, {@code room}, {@code to}, {@code since}, {@code token}, {@code id}, {@code emoji}, {@code nonce})
 * must be strings, each at most once, so that a message means one thing only. Every other field is skipped, whatever its JSON type, as the original server did:
 * a client may add fields of its own (a {@code clientMsgId}, some metadata) and still be understood. Fields a client
 * may not set, such as {@code userId} or {@code timestamp}, are among those ignored.
 *
 * <p>Jackson's streaming parser reads it, with its limits set below anything a chat message needs: the frame size
 * bounds the text, and a nesting-depth bound keeps skipped values cheap.
 */
final class ClientMessageJson {

    static final int MAX_DEPTH = 8;
    private static final int MAX_NAME_LENGTH = 64;
    private static final Set<String> KNOWN = Set.of("type", "content", "room", "to", "since", "token", "id",
            "emoji", "nonce");

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxNumberLength(32)
                    .build())
            .build();

    Checked<ClientMessage> decode(String text) {
        try (var parser = factory.createParser(text)) {
            var fields = knownFields(parser);
            if (fields == null || parser.nextToken() != null) {
                return ClientMessage.notAnObject();
            }
            return Checked.accepted(new ClientMessage(fields.get("type"), fields.get("content"), fields.get("room"),
                    fields.get("to"), fields.get("since"), fields.get("token"), fields.get("id"), fields.get("emoji"),
                    fields.get("nonce")));
        } catch (JacksonException e) {
            return ClientMessage.notAnObject();
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
    }

    /** The known fields of the object, or null if it is no object or a known field is not a string or repeats. */
    private static HashMap<String, String> knownFields(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        var fields = new HashMap<String, String>();
        for (var token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            var name = parser.currentName();
            var value = parser.nextToken();
            if (!KNOWN.contains(name)) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_STRING || fields.put(name, parser.getText()) != null) {
                return null;
            }
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? fields : null;
    }
}
