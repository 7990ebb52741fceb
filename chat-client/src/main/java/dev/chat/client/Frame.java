package dev.chat.client;

import java.util.Map;
import java.util.Optional;

/**
 * One frame the server sent, as it sent it ({@link #text()}) and read ({@link #fields()}): objects are maps in the
 * order of their fields, arrays lists, numbers {@code Long} or {@code Double}. Ids are strings, as on the wire.
 */
public record Frame(String text, Map<String, Object> fields) {

    public Frame {
        fields = java.util.Collections.unmodifiableMap(fields);
    }

    /** The frame this text holds; an {@link IllegalArgumentException} if it is no JSON object. */
    @SuppressWarnings("unchecked")
    public static Frame parse(String text) {
        if (!(Json.parse(text) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("a frame is a JSON object");
        }
        return new Frame(text, (Map<String, Object>) object);
    }

    public String type() {
        return string("type");
    }

    public String room() {
        return string("room");
    }

    public String id() {
        return string("id");
    }

    /** The field as a string; null if it is absent or no string. */
    public String string(String name) {
        return fields.get(name) instanceof String value ? value : null;
    }

    /** The field as it was read, if present. */
    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
