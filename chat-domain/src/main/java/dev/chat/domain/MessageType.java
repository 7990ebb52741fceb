package dev.chat.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of {@link Message} the server sends. On the wire each is its lower-case name. */
public enum MessageType {
    /** A user's message to a room. */
    CHAT,
    /** An announcement from the server itself. */
    SYSTEM,
    /** Someone entered a room. */
    JOIN,
    /** Someone left a room. */
    LEAVE,
    /** A user's message to one other user. */
    DIRECT;

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
