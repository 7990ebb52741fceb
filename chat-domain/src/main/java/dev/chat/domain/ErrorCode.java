package dev.chat.domain;

import java.util.Locale;

/** Why input was refused. Each has a stable wire code that clients may switch on. */
public enum ErrorCode {
    USERNAME_REQUIRED,
    USERNAME_TOO_LONG,
    USERNAME_INVALID,
    USER_ID_TOO_LONG,
    USER_ID_INVALID,
    CONTENT_EMPTY,
    CONTENT_TOO_LONG,
    CONTENT_INVALID,
    INVALID_JSON,
    TYPE_REQUIRED,
    UNKNOWN_TYPE,
    TYPE_NOT_ALLOWED,
    ORIGIN_NOT_ALLOWED,
    INVALID_ROOM,
    INVALID_SINCE,
    ROOM_REQUIRED,
    NOT_IN_ROOM,
    ALREADY_IN_ROOM,
    TOO_MANY_ROOMS,
    ROOM_FORBIDDEN,
    RECIPIENT_REQUIRED,
    USER_OFFLINE,
    INVALID_PARAMETER,
    TOKEN_MISSING,
    TOKEN_INVALID,
    TOKEN_EXPIRED,
    TOKEN_NOT_YET_VALID,
    TOKEN_REJECTED,
    TOKEN_WRONG_USER,
    RATE_LIMITED,
    OPERATOR_REQUIRED,
    SERVER_FULL,
    DRAINING,
    TOO_MANY_CONNECTIONS,
    TOO_MANY_USER_CONNECTIONS,
    TOO_MANY_HANDSHAKES,
    REQUEST_TOO_LARGE,
    SERVER_BUSY,
    CLUSTER_UNAVAILABLE,
    NOT_FOUND,
    INVALID_ID,
    FORBIDDEN,
    EDIT_WINDOW_PASSED,
    INVALID_EMOJI,
    TOO_MANY_REACTIONS,
    ALREADY_REACTED,
    NOT_REACTED,
    HISTORY_FORBIDDEN,
    INVALID_REQUEST,
    API_KEY_REQUIRED,
    API_KEY_INVALID,
    DISCONNECTED,
    BANNED,
    MUTED,
    INVALID_NONCE,
    HOOK_REFUSED,
    HOOK_UNAVAILABLE;

    private final String wireCode = name().toLowerCase(Locale.ROOT);

    /** The code as clients see it, for example {@code content_too_long}. */
    public String wireCode() {
        return wireCode;
    }
}
