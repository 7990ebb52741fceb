package dev.chat.domain.protocol;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import java.time.Instant;
import java.util.List;

/**
 * Encodes everything the server sends, over WebSocket and HTTP alike, as the JSON text clients read. The hub
 * encodes each message once and every recipient gets the same bytes.
 *
 * <p>Hand-written rather than a JSON library because the output is a handful of flat objects with string fields,
 * and this keeps the domain and the hub free of dependencies for the applications that embed them.
 */
public final class WireFormat {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WireFormat() {}

    /** A message to everyone, about no room in particular: the five fields of the original protocol. */
    public static EncodedMessage encode(Message message) {
        return encode(message, null, 0, null);
    }

    /**
     * A room's message: the original fields, with the room and the message's id in it after the type. A message that
     * amends a chat names it as its {@code target}; a chat that was changed since says how after its timestamp.
     */
    public static EncodedMessage encode(RoomMessage published) {
        var message = published.message();
        if (message.type() == MessageType.CHAT && !published.changes().isNone()) {
            return changedChat(published);
        }
        if (!message.type().amends()) {
            return encode(message, published.room(), published.id(), null);
        }
        var json = new Builder(160 + message.content().length())
                .field("type", FrameType.of(message.type()).wireName())
                .field("room", published.room())
                .field("id", Long.toString(published.id()))
                .field("target", Long.toString(message.target()))
                .field("userId", message.userId())
                .field("username", message.username());
        switch (message.type()) {
            case EDIT -> json.field("content", message.content());
            case REACT, UNREACT -> json.field("emoji", message.content())
                    .field("op", message.type() == MessageType.REACT ? "add" : "remove");
            default -> { }
        }
        return json.field("timestamp", message.timestamp().toString()).build();
    }

    /**
     * A room's message as its sender's connections receive it: the same fields, then the nonce the sender tagged it
     * with, by which the client matches it to what it sent.
     */
    public static EncodedMessage encode(RoomMessage published, Nonce nonce) {
        var shared = encode(published).text();
        var tag = new Builder(nonce.value().length() + 16).field("nonce", nonce.value()).text();
        return EncodedMessage.of(shared.substring(0, shared.length() - 1) + "," + tag.substring(1));
    }

    /**
     * A chat as it is now: its current content, or none if deleted, then what changed it, and the id of the last
     * change, which the client skips (with every change before it) when it follows in history.
     */
    private static EncodedMessage changedChat(RoomMessage published) {
        var message = published.message();
        var changes = published.changes();
        var json = new Builder(192 + message.content().length())
                .field("type", FrameType.CHAT.wireName())
                .field("room", published.room())
                .field("id", Long.toString(published.id()))
                .field("userId", message.userId())
                .field("username", message.username());
        if (!changes.deleted()) {
            json.field("content", message.content());
        }
        json.field("timestamp", message.timestamp().toString());
        if (changes.editedAt() != null && !changes.deleted()) {
            json.field("editedAt", changes.editedAt().toString());
        }
        if (changes.deleted()) {
            json.raw("deleted", "true");
        }
        if (!changes.reactions().isEmpty()) {
            var counts = new Builder(16 * changes.reactions().size());
            changes.reactionCounts().forEach((emoji, count) -> counts.raw(emoji, Integer.toString(count)));
            json.raw("reactions", counts.text());
        }
        return json.field("revision", Long.toString(changes.revision())).build();
    }

    /** A direct message: the original fields, with the recipient after the author. */
    public static EncodedMessage encode(DirectMessage direct) {
        return encode(direct.message(), null, 0, direct.to());
    }

    /** One field order for every kind, so a client of the original protocol finds its five fields where they were. */
    private static EncodedMessage encode(Message message, String room, long id, String to) {
        var json = new Builder(128 + message.content().length()).field("type", FrameType.of(message.type()).wireName());
        if (room != null) {
            json.field("room", room).field("id", Long.toString(id));
        }
        json.field("userId", message.userId()).field("username", message.username());
        if (to != null) {
            json.field("to", to);
        }
        return json.field("content", message.content()).field("timestamp", message.timestamp().toString()).build();
    }

    /** That a user is typing in a room: no id, no time, kept nowhere. */
    public static EncodedMessage typing(String room, Identity who) {
        return new Builder(64 + room.length() + who.username().length())
                .field("type", FrameType.TYPING.wireName())
                .field("room", room)
                .field("userId", who.userId())
                .field("username", who.username())
                .build();
    }

    /** That a user has read a room up to a message: no id of its own, no time. */
    public static EncodedMessage read(String room, String userId, long id) {
        return new Builder(64 + room.length() + userId.length())
                .field("type", FrameType.READ.wireName())
                .field("room", room)
                .field("userId", userId)
                .field("id", Long.toString(id))
                .build();
    }

    public static EncodedMessage encode(Rejection rejection) {
        return new Builder(64 + rejection.message().length())
                .field("type", FrameType.ERROR.wireName())
                .field("code", rejection.code().wireCode())
                .field("message", rejection.message())
                .build();
    }

    /** Told to a connection ahead of the moment its credential runs out, and of what to do about it. */
    public static EncodedMessage expiring(Instant expires) {
        return new Builder(144)
                .field("type", FrameType.EXPIRING.wireName())
                .field("expiresAt", expires.toString())
                .field("content", "your token expires at " + expires + ": send a refresh with a new token to stay connected")
                .build();
    }

    /** The answer to a refresh that was accepted: the connection now lasts until the new credential runs out. */
    public static EncodedMessage refreshed(Instant expires) {
        return new Builder(80)
                .field("type", FrameType.REFRESHED.wireName())
                .field("expiresAt", expires.toString())
                .build();
    }

    /**
     * Who is in a room, for a connection entering it.
     *
     * @param count     every user in the room; {@code users} may list fewer
     * @param recovered whether a resume found every missed message; null when the client did not resume
     */
    public static EncodedMessage presence(String room, int count, List<Identity> users, Boolean recovered) {
        return presence(room, count, users, recovered, null);
    }

    /**
     * Who is in a room, for a connection entering it, and how far its user has read there.
     *
     * @param reading null to leave out how far the user has read
     */
    public static EncodedMessage presence(String room, int count, List<Identity> users, Boolean recovered,
            Reading reading) {
        var list = new StringBuilder(2 + 48 * users.size()).append('[');
        for (var user : users) {
            if (list.length() > 1) {
                list.append(',');
            }
            list.append(new Builder(48).field("userId", user.userId()).field("username", user.username()).text());
        }
        var json = new Builder(64 + list.length())
                .field("type", FrameType.PRESENCE.wireName())
                .field("room", room)
                .raw("count", Integer.toString(count))
                .raw("users", list.append(']').toString());
        if (recovered != null) {
            json.raw("recovered", recovered.toString());
        }
        if (reading != null) {
            json.field("lastRead", Long.toString(reading.lastRead())).raw("unread", Integer.toString(reading.unread()))
                    .field("lastId", Long.toString(reading.lastId()));
        }
        return json.build();
    }

    /**
     * How far a user has read a room.
     *
     * @param lastRead the id of the last message it marked read, 0 if none
     * @param unread   chats from others after it, counted up to {@link dev.chat.domain.port.needed.MessageStore#UNREAD_CAP}
     * @param lastId   the room's last id when counted: the chats after it are not in the count
     */
    public record Reading(long lastRead, int unread, long lastId) {}

    private static final class Builder {

        private final StringBuilder json;

        Builder(int expectedLength) {
            json = new StringBuilder(expectedLength).append('{');
        }

        Builder field(String name, String value) {
            name(name);
            string(value);
            return this;
        }

        /** A value that is already JSON: a number, a boolean, an array. */
        Builder raw(String name, String value) {
            name(name);
            json.append(value);
            return this;
        }

        String text() {
            return json.append('}').toString();
        }

        EncodedMessage build() {
            return EncodedMessage.of(text());
        }

        private void name(String name) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(name);
            json.append(':');
        }

        private void string(String value) {
            json.append('"');
            for (int i = 0; i < value.length(); i++) {
                escaped(value.charAt(i));
            }
            json.append('"');
        }

        private void escaped(char c) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                // Control characters are not allowed raw in JSON; U+2028/U+2029 break JavaScript string literals.
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
