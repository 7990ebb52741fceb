package dev.chat.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.domain.Changes;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what the script writes: the JSON body of a message as its history keeps it, and the frames on the bus,
 * {@code R <node> <id> <body>} for a room's message, {@code D <node> <body>} for a direct one and
 * {@code T <node> <body>} for a typing signal, {@code M <node> <body>} for a read mark that rose and
 * {@code X <node> <body>} for a user the server API disconnected and {@code S <node> <body>} for a ban or mute
 * imposed or lifted, which only the bus carries. Joins, leaves and
 * summaries carry no text: they are worded here, as on a single node, so every node words them alike.
 */
final class BusCodec {

    /** A frame from the bus: what it carries, and the node that published it. */
    sealed interface Frame {
        String node();
    }

    /** @param nonce its sender's tag on it, which only the publishing node hands on, to the sender's connections */
    record Published(String node, RoomMessage message, Optional<Nonce> nonce) implements Frame {}

    record Direct(String node, DirectMessage message) implements Frame {}

    record Typing(String node, String room, Identity who) implements Frame {}

    record Read(String node, String room, String userId, long id) implements Frame {}

    record Disconnect(String node, String userId, String reason) implements Frame {}

    record Sanctioned(String node, SanctionChange change) implements Frame {}

    private final ObjectMapper json = new ObjectMapper();

    Frame frame(String frame) {
        int nodeEnd = frame.indexOf(' ', 2);
        var node = frame.substring(2, nodeEnd);
        return switch (frame.charAt(0)) {
            case 'R' -> {
                int idEnd = frame.indexOf(' ', nodeEnd + 1);
                long id = Long.parseLong(frame, nodeEnd + 1, idEnd, 10);
                var body = tree(frame.substring(idEnd + 1));
                yield new Published(node, roomMessage(id, body), body.hasNonNull("nonce")
                        ? Optional.of(new Nonce(body.path("nonce").asText())) : Optional.empty());
            }
            case 'D' -> {
                var body = tree(frame.substring(nodeEnd + 1));
                yield new Direct(node, new DirectMessage(body.path("to").asText(), message(body)));
            }
            case 'T' -> {
                var body = tree(frame.substring(nodeEnd + 1));
                yield new Typing(node, body.path("room").asText(),
                        new Identity(body.path("userId").asText(), body.path("username").asText()));
            }
            case 'M' -> {
                var body = tree(frame.substring(nodeEnd + 1));
                yield new Read(node, body.path("room").asText(), body.path("userId").asText(),
                        Long.parseLong(body.path("id").asText()));
            }
            case 'X' -> {
                var body = tree(frame.substring(nodeEnd + 1));
                yield new Disconnect(node, body.path("userId").asText(), body.path("reason").asText());
            }
            case 'S' -> {
                var body = tree(frame.substring(nodeEnd + 1));
                yield new Sanctioned(node, body.path("lifted").asBoolean()
                        ? new SanctionChange.Lifted(body.path("userId").asText(), kind(body))
                        : new SanctionChange.Imposed(sanction(body)));
            }
            default -> throw new IllegalArgumentException("not a frame of the chat's bus: " + frame);
        };
    }

    /** The bus frame that tells every node the user is typing in the room. */
    String typing(String node, String room, Identity who) {
        var body = json.createObjectNode().put("room", room).put("userId", who.userId())
                .put("username", who.username());
        return "T " + node + " " + body;
    }

    /** The bus frame that tells every node the user's read mark in the room rose. */
    String read(String node, String room, String userId, long id) {
        var body = json.createObjectNode().put("room", room).put("userId", userId).put("id", Long.toString(id));
        return "M " + node + " " + body;
    }

    /** The bus frame that tells every node to close the user's connections. */
    String disconnect(String node, String userId, String reason) {
        return "X " + node + " " + json.createObjectNode().put("userId", userId).put("reason", reason);
    }

    /** The bus frame that tells every node of a ban or mute imposed or lifted. */
    String sanctioned(String node, SanctionChange change) {
        var body = switch (change) {
            case SanctionChange.Imposed(var sanction) -> sanctionTree(sanction).put("lifted", false);
            case SanctionChange.Lifted(var userId, var kind) -> json.createObjectNode().put("lifted", true)
                    .put("userId", userId).put("kind", kind.wireName());
        };
        return "S " + node + " " + body;
    }

    /** A sanction as Redis keeps it. */
    String sanction(Sanction sanction) {
        return sanctionTree(sanction).toString();
    }

    Sanction sanction(String kept) {
        return sanction(tree(kept));
    }

    private ObjectNode sanctionTree(Sanction sanction) {
        return json.createObjectNode().put("userId", sanction.userId()).put("kind", sanction.kind().wireName())
                .put("until", sanction.until().map(Instant::toString).orElse(null)).put("reason", sanction.reason())
                .put("at", sanction.at().toString());
    }

    private static Sanction sanction(JsonNode body) {
        var until = body.hasNonNull("until") ? Optional.of(Instant.parse(body.path("until").asText()))
                : Optional.<Instant>empty();
        return new Sanction(body.path("userId").asText(), kind(body), until, body.path("reason").asText(),
                Instant.parse(body.path("at").asText()));
    }

    private static Sanction.Kind kind(JsonNode body) {
        return Sanction.Kind.valueOf(body.path("kind").asText().toUpperCase(Locale.ROOT));
    }

    /** A message of a room's history, as it is now if the script keeps it changed ({@code chat.lua}'s amend). */
    RoomMessage roomMessage(long id, String body) {
        return roomMessage(id, tree(body));
    }

    private static RoomMessage roomMessage(long id, JsonNode body) {
        return new RoomMessage(body.path("room").asText(), id, message(body), changes(body));
    }

    private static Changes changes(JsonNode body) {
        if (!body.has("revision")) {
            return Changes.NONE;
        }
        var reactions = new TreeMap<String, Set<String>>();
        body.path("reactions").properties().forEach(emoji -> {
            var users = new TreeSet<String>();
            emoji.getValue().fieldNames().forEachRemaining(users::add);
            reactions.put(emoji.getKey(), users);
        });
        var editedAt = body.hasNonNull("editedAt") ? Instant.parse(body.path("editedAt").asText()) : null;
        return Changes.of(editedAt, body.path("deleted").asBoolean(false), reactions,
                Long.parseLong(body.path("revision").asText()));
    }

    private static Message message(JsonNode body) {
        var at = Instant.parse(body.path("ts").asText());
        var who = new Identity(body.path("userId").asText(), body.path("username").asText());
        var content = body.path("content").asText();
        return switch (body.path("type").asText()) {
            case "CHAT" -> Message.chat(who, content, at);
            case "DIRECT" -> Message.direct(who, content, at);
            case "JOIN" -> Message.joined(who, at);
            case "LEAVE" -> Message.left(who, at);
            case "SYSTEM" -> Message.system(content, at);
            case "SUMMARY" -> Message.presenceSummary(body.path("joined").asInt(), body.path("left").asInt(), at);
            case "EDIT", "DELETE", "REACT", "UNREACT" -> new Message(MessageType.valueOf(body.path("type").asText()),
                    who.userId(), who.username(), content, at, Long.parseLong(body.path("target").asText()));
            default -> throw new IllegalArgumentException("not a message type of the chat: " + body.path("type"));
        };
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a message of the chat: " + e.getOriginalMessage(), e);
        }
    }
}
