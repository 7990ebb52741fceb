package dev.chat.domain.protocol;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Request;
import dev.chat.domain.ResumePoint;
import dev.chat.domain.RoomName;
import dev.chat.domain.Text;

/**
 * A message as a client sent it, before any check. Fields a client may not set ({@code userId}, {@code username},
 * {@code timestamp}, {@code id}) are not here: the server ignores them.
 *
 * @param type    the requested kind: {@code chat}, {@code direct}, {@code subscribe}, {@code unsubscribe},
 *                {@code typing} or {@code refresh}
 * @param content the text of a chat or direct message
 * @param room    the room of a chat, subscribe, unsubscribe or typing
 * @param to      the recipient's userId, for a direct message
 * @param since   the last message id seen, for a subscribe that resumes
 * @param token   a fresh credential, for a refresh
 */
public record ClientMessage(String type, String content, String room, String to, String since, String token) {

    public static final int MAX_CONTENT_LENGTH = 1000;

    /** Any message but a refresh, which alone carries a token. */
    public ClientMessage(String type, String content, String room, String to, String since) {
        this(type, content, room, to, since, null);
    }

    /** Whether this is a typing signal, which is not paid for from the message budget while it is rare. */
    public boolean isTyping() {
        return FrameType.TYPING.wireName().equals(type);
    }

    /** A chat message of the original protocol, which names no room. */
    public static ClientMessage chat(String content) {
        return new ClientMessage(FrameType.CHAT.wireName(), content, null, null, null);
    }

    /** Turns the message into a request, or says why it cannot be one. */
    public Checked<Request> check() {
        if (Text.isMissing(type)) {
            return Checked.rejected(ErrorCode.TYPE_REQUIRED, "type is required");
        }
        var frameType = FrameType.fromWireName(type);
        if (frameType.isEmpty()) {
            return Checked.rejected(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type + "'");
        }
        return switch (frameType.get()) {
            case CHAT -> checkChat();
            case DIRECT -> checkDirect();
            case SUBSCRIBE -> checkSubscribe();
            case UNSUBSCRIBE -> RoomName.check(room).map(Request.Unsubscribe::new);
            case TYPING -> room == null ? Checked.accepted(new Request.Typing(null))
                    : RoomName.check(room).map(Request.Typing::new);
            case REFRESH -> Checked.rejected(ErrorCode.TYPE_NOT_ALLOWED,
                    "this server does not verify identities: there is no token to refresh");
            case SYSTEM, JOIN, LEAVE, PRESENCE, ERROR, EXPIRING, REFRESHED -> Checked.rejected(ErrorCode.TYPE_NOT_ALLOWED,
                    "'" + type + "' messages come from the server only");
        };
    }

    /**
     * The answer to text that is not a JSON object at all. Decoding is the transport's: it parses untrusted text
     * with a hardened JSON library into this record, and refuses with this what it cannot parse.
     */
    public static Checked<ClientMessage> notAnObject() {
        return Checked.rejected(ErrorCode.INVALID_JSON,
                "a message must be a JSON object such as {\"type\":\"chat\",\"content\":\"Hello\"}");
    }

    private Checked<Request> checkChat() {
        if (room == null) {
            return checkContent().map(text -> new Request.Chat(null, text));
        }
        return RoomName.check(room).flatMap(name -> checkContent().map(text -> new Request.Chat(name, text)));
    }

    private Checked<Request> checkDirect() {
        if (Text.isMissing(to)) {
            return Checked.rejected(ErrorCode.RECIPIENT_REQUIRED, "a direct message needs 'to', a userId");
        }
        return checkContent().map(text -> new Request.Direct(to, text));
    }

    private Checked<Request> checkSubscribe() {
        return RoomName.check(room).flatMap(name -> ResumePoint.check(since).map(id -> new Request.Subscribe(name, id)));
    }

    private Checked<String> checkContent() {
        if (Text.isMissing(content)) {
            return Checked.rejected(ErrorCode.CONTENT_EMPTY, "content must not be empty");
        }
        if (Text.length(content) > MAX_CONTENT_LENGTH) {
            return Checked.rejected(ErrorCode.CONTENT_TOO_LONG,
                    "content must be at most " + MAX_CONTENT_LENGTH + " characters");
        }
        if (!Text.isWellFormed(content)) {
            return Checked.rejected(ErrorCode.CONTENT_INVALID,
                    "content must be valid Unicode: a surrogate (\\ud800-\\udfff) must be half of a pair");
        }
        return Checked.accepted(content);
    }
}
