package dev.chat.domain.protocol;

import dev.chat.domain.Checked;
import dev.chat.domain.Emoji;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.MessageId;
import dev.chat.domain.Nonce;
import dev.chat.domain.Request;
import dev.chat.domain.ResumePoint;
import dev.chat.domain.RoomName;
import dev.chat.domain.Text;

/**
 * A message as a client sent it, before any check. Fields a client may not set ({@code userId}, {@code username},
 * {@code timestamp}) are not here: the server ignores them.
 *
 * @param type    the requested kind: {@code chat}, {@code direct}, {@code subscribe}, {@code unsubscribe},
 *                {@code typing}, {@code read}, {@code edit}, {@code delete}, {@code react}, {@code unreact} or
 *                {@code refresh}
 * @param content the text of a chat or direct message
 * @param room    the room of a chat, subscribe, unsubscribe or typing
 * @param to      the recipient's userId, for a direct message
 * @param since   the last message id seen, for a subscribe that resumes
 * @param token   a fresh credential, for a refresh
 * @param id      the chat an edit, delete, react or unreact is about; for a read, the last message read
 * @param emoji   the emoji of a react or unreact
 * @param nonce   the client's tag on a chat or edit, so that a resend does not post it twice
 */
public record ClientMessage(String type, String content, String room, String to, String since, String token,
        String id, String emoji, String nonce) {

    public static final int MAX_CONTENT_LENGTH = 1000;

    /** Any message of the original protocol and its rooms: none names another message. */
    public ClientMessage(String type, String content, String room, String to, String since) {
        this(type, content, room, to, since, null, null, null, null);
    }

    /** An edit, delete, react or unreact of the chat with this id. */
    public static ClientMessage about(String type, String room, String id, String content, String emoji) {
        return new ClientMessage(type, content, room, null, null, null, id, emoji, null);
    }

    /** A refresh, the one message with a token. */
    public static ClientMessage refresh(String token) {
        return new ClientMessage(FrameType.REFRESH.wireName(), null, null, null, null, token, null, null, null);
    }

    /** Whether this is a typing signal, which is not paid for from the message budget while it is rare. */
    public boolean isTyping() {
        return FrameType.TYPING.wireName().equals(type);
    }

    /** The same message, tagged with this nonce. */
    public ClientMessage withNonce(String tag) {
        return new ClientMessage(type, content, room, to, since, token, id, emoji, tag);
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
            case EDIT -> checkRoom().flatMap(name -> MessageId.check(id).flatMap(target -> checkContent()
                    .flatMap(text -> Nonce.check(nonce).map(tag -> new Request.Edit(name, target, text, tag)))));
            case DELETE -> checkRoom().flatMap(name -> MessageId.check(id).map(target -> new Request.Delete(name, target)));
            case REACT, UNREACT -> checkRoom().flatMap(name -> MessageId.check(id).flatMap(target -> Emoji.check(emoji)
                    .map(checked -> new Request.React(name, target, checked, frameType.get() == FrameType.REACT))));
            case READ -> checkRoom().flatMap(name -> MessageId.check(id).map(upTo -> new Request.Read(name, upTo)));
            case REFRESH -> Checked.rejected(ErrorCode.TYPE_NOT_ALLOWED,
                    "this server does not verify identities: there is no token to refresh");
            case SYSTEM, JOIN, LEAVE, PRESENCE, ERROR, EXPIRING, REFRESHED, REACTION -> Checked.rejected(ErrorCode.TYPE_NOT_ALLOWED,
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
        return checkRoom().flatMap(name -> checkContent().flatMap(text -> Nonce.check(nonce)
                .map(tag -> new Request.Chat(name, text, tag))));
    }

    /** The room named, or null for the sender's only room. */
    private Checked<String> checkRoom() {
        return room == null ? Checked.accepted(null) : RoomName.check(room);
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
        return checkContent(content);
    }

    /** The rules every text a user sends obeys: not blank, at most {@link #MAX_CONTENT_LENGTH}, valid Unicode. */
    public static Checked<String> checkContent(String content) {
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
