package dev.chat.client;

/** The server refused a request: its error frame's {@code code} (such as {@code content_too_long}) and message. */
public final class ChatException extends RuntimeException {

    private final String code;

    ChatException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error's code, as the protocol guide lists it; for a lost connection, {@code closed}. */
    public String code() {
        return code;
    }
}
