package dev.chat.adapter.dynamodb;

import dev.chat.domain.Changes;
import dev.chat.domain.Message;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.MessageType;
import dev.chat.domain.RoomMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A room's message as an item of the table, and back. The key is the room (partition) and the id (sort, a number, so
 * a page of a room is one {@code Query} in id order). A chat also carries its author in {@code author} and its place
 * among the author's chats in {@code position}, the key of the sparse index {@value #BY_AUTHOR}: only chats have
 * them, so the index holds nothing else. A changed chat carries what changed; each emoji's users are a string set
 * {@code r:<emoji>}, which {@code ADD} and {@code DELETE} change in place.
 */
final class Items {

    static final String ROOM = "room";
    static final String ID = "id";
    static final String BY_AUTHOR = "by-author";
    static final String AUTHOR = "author";
    static final String POSITION = "position";
    static final String REACTION = "r:";
    static final String EXPIRES = "expiresAt";

    private Items() {}

    static Map<String, AttributeValue> key(String room, long id) {
        return Map.of(ROOM, s(room), ID, n(id));
    }

    /**
     * The message's item; with a retention, one that DynamoDB's time to live deletes, in epoch seconds, once the
     * message is that old.
     */
    static Map<String, AttributeValue> item(RoomMessage published, Duration retention) {
        var item = item(published);
        if (!retention.isZero()) {
            item.put(EXPIRES, n(published.message().timestamp().plus(retention).getEpochSecond()));
        }
        return item;
    }

    static Map<String, AttributeValue> item(RoomMessage published) {
        var message = published.message();
        var item = new HashMap<String, AttributeValue>();
        item.put(ROOM, s(published.room()));
        item.put(ID, n(published.id()));
        item.put("type", s(message.type().name()));
        item.put("userId", s(message.userId()));
        item.put("username", s(message.username()));
        item.put("content", s(message.content()));
        item.put("at", n(message.timestamp().toEpochMilli()));
        if (message.target() > 0) {
            item.put("target", n(message.target()));
        }
        if (message.type() == MessageType.CHAT) {
            item.put(AUTHOR, s(message.userId()));
            item.put(POSITION, s(position(MessagePosition.of(published))));
        }
        return item;
    }

    /** A chat as it is now: the chat's item, with what changed it and the ids of its edits. */
    static Map<String, AttributeValue> changed(RoomMessage chat, List<String> edits, Duration retention) {
        var item = item(chat, retention);
        var changes = chat.changes();
        item.put("revision", n(changes.revision()));
        if (changes.editedAt() != null) {
            item.put("editedAt", n(changes.editedAt().toEpochMilli()));
        }
        if (changes.deleted()) {
            item.put("deleted", AttributeValue.fromBool(true));
        }
        changes.reactions().forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                item.put(REACTION + emoji, AttributeValue.fromSs(List.copyOf(users)));
            }
        });
        if (!edits.isEmpty()) {
            item.put("edits", AttributeValue.fromNs(edits));
        }
        return item;
    }

    /**
     * A chat's place among its author's chats as a string that sorts as {@link MessagePosition} does: the time, the
     * room and the id, the numbers zero-padded, joined by {@code #}, which no room name holds and which sorts before
     * every character one may.
     */
    static String position(MessagePosition position) {
        return String.format("%020d#%s#%020d", position.atMillis(), position.room(), position.id());
    }

    static RoomMessage message(Map<String, AttributeValue> item) {
        var type = MessageType.valueOf(item.get("type").s());
        long target = item.containsKey("target") ? Long.parseLong(item.get("target").n()) : 0;
        var message = new Message(type, item.get("userId").s(), item.get("username").s(), item.get("content").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("at").n())), target);
        return new RoomMessage(item.get(ROOM).s(), Long.parseLong(item.get(ID).n()), message, changes(item));
    }

    private static Changes changes(Map<String, AttributeValue> item) {
        if (!item.containsKey("revision")) {
            return Changes.NONE;
        }
        var reactions = new TreeMap<String, Set<String>>();
        item.forEach((name, value) -> {
            if (name.startsWith(REACTION) && value.hasSs() && !value.ss().isEmpty()) {
                reactions.put(name.substring(REACTION.length()), new TreeSet<>(value.ss()));
            }
        });
        var editedAt = item.containsKey("editedAt")
                ? Instant.ofEpochMilli(Long.parseLong(item.get("editedAt").n())) : null;
        boolean deleted = item.containsKey("deleted") && item.get("deleted").bool();
        return Changes.of(editedAt, deleted, reactions, Long.parseLong(item.get("revision").n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
