package dev.chat.adapter.javalin;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomName;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.offered.ChatQueries;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code /api} routes: which rooms have members, who is in one, one page of a room's history (of the private
 * rooms, only those the caller's token grants) and one page of a user's own messages (once identities are
 * verified, for that user and operators only).
 * <ul>
 *   <li>{@code GET /api/rooms}: {@code {"rooms":[{"room":"global","members":3}]}}</li>
 *   <li>{@code GET /api/rooms/{room}/users}: {@code {"room":"global","users":[{"userId":..,"username":..}]}}</li>
 *   <li>{@code GET /api/rooms/{room}/messages?limit=50&before=<id>}: {@code {"room":"global","messages":[...]}},
 *       oldest first, each message exactly as WebSocket clients received it</li>
 *   <li>{@code GET /api/users/{userId}/messages?limit=50&before=<next>}:
 *       {@code {"userId":"alice","messages":[...],"next":"1764669600123-42-dev"}}, the user's chats over every room,
 *       oldest first; {@code next} (null on the last page) asks for the page before</li>
 *   <li>{@code GET /api/users/{userId}/unread}: {@code {"userId":"alice","rooms":[{"room":"dev","lastRead":"41",
 *       "unread":3,"lastId":"44"}]}}, every room the user has marked read that the caller may see</li>
 * </ul>
 */
final class ApiRoutes {

    static final int MAX_PAGE = 100;
    private static final int DEFAULT_PAGE = 50;

    record RoomList(List<RoomSummary> rooms) {}

    record UserList(String room, List<Identity> users) {}

    /** The messages go out as the hub encoded them, as in a room's page. */
    record UserMessages(String userId, @JsonRawValue String messages, String next) {}

    record UnreadRooms(String userId, List<UnreadRoom> rooms) {}

    /** Ids are strings on the wire, as in every message. */
    record UnreadRoom(String room, String lastRead, int unread, String lastId) {}

    private final ChatQueries hub;

    ApiRoutes(ChatQueries hub) {
        this.hub = hub;
    }

    void rooms(Context ctx) {
        var access = HttpGuard.access(ctx);
        ctx.json(new RoomList(hub.rooms().stream().filter(room -> access.permits(room.room())).toList()));
    }

    void users(Context ctx) {
        var room = room(ctx);
        if (room != null) {
            ctx.json(new UserList(room, hub.users(room)));
        }
    }

    /** The hub hands out messages already encoded, so the page is put together from them as they are. */
    void messages(Context ctx) {
        var room = room(ctx);
        var limit = number(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        var before = number(ctx, "before", 0, 1, Long.MAX_VALUE);
        if (room == null || limit == null || before == null) {
            return;
        }
        var messages = array(hub.history(room, before == 0 ? null : before, limit.intValue()));
        ctx.contentType(ContentType.APPLICATION_JSON).result("{\"room\":\"" + room + "\",\"messages\":" + messages + "}");
    }

    void messagesBy(Context ctx) {
        var userId = ctx.pathParam("userId");
        var limit = number(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        MessagePosition before = switch (MessagePosition.check(ctx.queryParam("before"))) {
            case Checked.Accepted<MessagePosition>(var position) -> position;
            case Checked.Rejected<MessagePosition>(var rejection) -> refuse(ctx, 400, rejection);
        };
        if (limit == null || before == null) {
            return;
        }
        if (!HttpGuard.mayReadMessagesOf(ctx, userId)) {
            HttpGuard.refuse(ctx, 403, new Rejection(ErrorCode.HISTORY_FORBIDDEN,
                    "only " + userId + " and operators may read " + userId + "'s messages"));
            return;
        }
        var page = hub.messagesBy(userId, before, limit.intValue());
        String next = page.size() < limit ? null : MessagePosition.of(page.getFirst()).wire();
        ctx.json(new UserMessages(userId, array(page.stream().map(WireFormat::encode).toList()), next));
    }

    void unread(Context ctx) {
        var userId = ctx.pathParam("userId");
        if (!HttpGuard.mayReadMessagesOf(ctx, userId)) {
            HttpGuard.refuse(ctx, 403, new Rejection(ErrorCode.HISTORY_FORBIDDEN,
                    "only " + userId + " and operators may read how far " + userId + " has read"));
            return;
        }
        var access = HttpGuard.access(ctx);
        ctx.json(new UnreadRooms(userId, hub.unread(userId).stream()
                .filter(room -> access.permits(room.room()))
                .map(room -> new UnreadRoom(room.room(), Long.toString(room.lastRead()), room.unread(),
                        Long.toString(room.lastId())))
                .toList()));
    }

    private static String array(List<EncodedMessage> messages) {
        return messages.stream().map(EncodedMessage::text).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * The room in the path, already known to need no escaping; null after answering 400 for a bad name or 403 for a
     * private room the caller may not see.
     */
    private static String room(Context ctx) {
        return switch (RoomName.check(ctx.pathParam("room"))) {
            case Checked.Accepted<String>(var room) when !HttpGuard.access(ctx).permits(room) ->
                    refuse(ctx, 403, RoomAccess.forbidden(room));
            case Checked.Accepted<String>(var room) -> room;
            case Checked.Rejected<String>(var rejection) -> refuse(ctx, 400, rejection);
        };
    }

    /** A query parameter in range, the fallback when absent, or null after answering 400. */
    private static Long number(Context ctx, String name, long fallback, long min, long max) {
        var text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        return refuse(ctx, 400, new Rejection(ErrorCode.INVALID_PARAMETER, name + " must be a whole number from " + min
                + " to " + max));
    }

    /** The same JSON error as every other refusal; null, for the caller to return. */
    private static <T> T refuse(Context ctx, int status, Rejection rejection) {
        HttpGuard.refuse(ctx, status, rejection);
        return null;
    }
}
