package dev.chat.domain;

/**
 * A message as a client sent it, before any check. Fields a client may not set ({@code userId}, {@code username},
 * {@code timestamp}) are not here: the server ignores them.
 *
 * @param type    the requested kind, for example {@code chat}; null when the client sent none
 * @param content the text; null when the client sent none
 */
public record ClientMessage(String type, String content) {

    public static final int MAX_CONTENT_LENGTH = 1000;

    /** Turns the message into a request, or says why it cannot be one. */
    public Checked<Request> check() {
        if (Text.isMissing(type)) {
            return Checked.rejected(ErrorCode.TYPE_REQUIRED, "type is required");
        }
        return MessageType.fromWireName(type)
                .map(this::checkAs)
                .orElseGet(() -> Checked.rejected(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type + "'"));
    }

    private Checked<Request> checkAs(MessageType requested) {
        return switch (requested) {
            case CHAT -> checkContent();
            case SYSTEM, JOIN, LEAVE -> Checked.rejected(ErrorCode.TYPE_NOT_ALLOWED,
                    "'" + type + "' messages come from the server only");
        };
    }

    private Checked<Request> checkContent() {
        if (Text.isMissing(content)) {
            return Checked.rejected(ErrorCode.CONTENT_EMPTY, "content must not be empty");
        }
        if (Text.length(content) > MAX_CONTENT_LENGTH) {
            return Checked.rejected(ErrorCode.CONTENT_TOO_LONG,
                    "content must be at most " + MAX_CONTENT_LENGTH + " characters");
        }
        return Checked.accepted(new Request.Chat(content));
    }
}
