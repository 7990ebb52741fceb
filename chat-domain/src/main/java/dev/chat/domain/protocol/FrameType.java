package dev.chat.domain.protocol;

import dev.chat.domain.MessageType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every value a frame's {@code type} field takes, and who may send it. On the wire each is its lower-case name. */
public enum FrameType {
    CHAT(true),
    DIRECT(true),
    SUBSCRIBE(true),
    UNSUBSCRIBE(true),
    REFRESH(true),
    TYPING(true),
    EDIT(true),
    DELETE(true),
    REACT(true),
    UNREACT(true),
    READ(true),
    SYSTEM(false),
    JOIN(false),
    LEAVE(false),
    PRESENCE(false),
    ERROR(false),
    EXPIRING(false),
    REFRESHED(false),
    REACTION(false);

    private static final Map<String, FrameType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FrameType::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);
    private final boolean clientMaySend;

    FrameType(boolean clientMaySend) {
        this.clientMaySend = clientMaySend;
    }

    public String wireName() {
        return wireName;
    }

    public boolean clientMaySend() {
        return clientMaySend;
    }

    public static Optional<FrameType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** The frame that carries a message of this kind. */
    public static FrameType of(MessageType type) {
        return switch (type) {
            case CHAT -> CHAT;
            case DIRECT -> DIRECT;
            case SYSTEM -> SYSTEM;
            case JOIN -> JOIN;
            case LEAVE -> LEAVE;
            case EDIT -> EDIT;
            case DELETE -> DELETE;
            case REACT, UNREACT -> REACTION;
        };
    }
}
