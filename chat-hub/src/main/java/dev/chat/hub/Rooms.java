package dev.chat.hub;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rooms that have members, and what happens in them: entering, leaving, chatting, and the announcements of
 * who came and went. Every message about a room is numbered, kept in the store and fanned out here.
 */
final class Rooms {

    private final Map<String, Room> byName = new HashMap<>();
    private final RecentBytes recentBytes;
    private final MessageStore store;
    private final RoomLimits limits;
    private final Presence presence;
    private final PresenceSummaries summaries;
    private final FanOut fanOut;
    private final HubCounters counters;
    private final MessageClock clock;

    Rooms(MessageStore store, RoomLimits limits, Presence presence, FanOut fanOut, HubCounters counters,
            MessageClock clock) {
        this.store = store;
        this.limits = limits;
        this.recentBytes = new RecentBytes(limits.recentBytes());
        this.presence = presence;
        this.summaries = new PresenceSummaries(presence);
        this.fanOut = fanOut;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Puts a connection in a room. What it is sent comes in this order, all within this one step of the loop, so
     * nothing can fall between: who is there, the history it asked for, then (within the presence limit) its own join,
     * then live messages.
     */
    void enter(Member member, Request.Subscribe request) {
        if (!member.access.permits(request.room())) {
            fanOut.reject(member, RoomAccess.forbidden(request.room()));
            return;
        }
        if (roomOf(member, request.room()).isPresent()) {
            fanOut.reject(member, ErrorCode.ALREADY_IN_ROOM, "you are already in room '" + request.room() + "'");
            return;
        }
        if (member.rooms.size() >= limits.perConnection()) {
            fanOut.reject(member, ErrorCode.TOO_MANY_ROOMS, "a connection may be in at most "
                    + limits.perConnection() + " rooms");
            return;
        }
        var room = byName.computeIfAbsent(request.room(),
                name -> new Room(name, store.lastId(name), limits.historyOnJoin(), recentBytes));
        counters.rooms(byName.size());
        boolean firstOfUser = room.enter(member);
        member.rooms.add(room);
        var catchUp = CatchUp.of(room, request.since(), store, limits);
        fanOut.to(member, WireFormat.presence(room.name, room.userCount(),
                room.firstUsers(Math.max(presence.limit(), 1)), catchUp.recovered()));
        catchUp.messages().forEach(member.outbox::offerHistory);
        if (firstOfUser) {
            announceChange(room, Message.joined(member.identity(), clock.now()),
                    presence.announcesEachChange(room.connectionCount()));
        }
    }

    void unsubscribe(Member member, String roomName) {
        roomOf(member, roomName).ifPresentOrElse(
                room -> leave(member, room),
                () -> fanOut.reject(member, ErrorCode.NOT_IN_ROOM, "you are not in room '" + roomName + "'"));
    }

    /** Takes the member out of every room it may no longer use, telling it of each. */
    void leaveForbidden(Member member) {
        for (var room : List.copyOf(member.rooms)) {
            if (!member.access.permits(room.name)) {
                leave(member, room);
                fanOut.reject(member, RoomAccess.forbidden(room.name));
            }
        }
    }

    void leaveAll(Member member) {
        for (var room : List.copyOf(member.rooms)) {
            leave(member, room);
        }
    }

    /** A chat names its room, or goes to the one room its sender is in; the time it was stamped, null if refused. */
    Instant chat(Member from, String roomName, String content) {
        Room room;
        if (roomName != null) {
            room = roomOf(from, roomName).orElse(null);
            if (room == null) {
                fanOut.reject(from, ErrorCode.NOT_IN_ROOM, "you are not in room '" + roomName + "'; subscribe first");
                return null;
            }
        } else if (from.rooms.size() == 1) {
            room = from.rooms.getFirst();
        } else {
            fanOut.reject(from, ErrorCode.ROOM_REQUIRED, "you are in " + from.rooms.size()
                    + " rooms: name the 'room'");
            return null;
        }
        var chat = Message.chat(from.identity(), content, clock.now());
        publish(room, chat);
        return chat.timestamp();
    }

    /** When the presence summaries of large rooms are due, as a {@link System#nanoTime()}; empty if none are. */
    OptionalLong summariesDue() {
        return summaries.due();
    }

    void announceSummaries() {
        summaries.takeAll().forEach((room, summary) -> publish(room, Message.system(summary, clock.now())));
    }

    List<RoomSummary> list() {
        return byName.values().stream()
                .map(room -> new RoomSummary(room.name, room.userCount()))
                .sorted(Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room))
                .toList();
    }

    List<Identity> usersIn(String roomName) {
        var room = byName.get(roomName);
        return room == null ? List.of() : room.users();
    }

    private static Optional<Room> roomOf(Member member, String roomName) {
        return member.rooms.stream().filter(room -> room.name.equals(roomName)).findFirst();
    }

    private void leave(Member member, Room room) {
        boolean eachChangeAnnounced = presence.announcesEachChange(room.connectionCount());
        boolean lastOfUser = room.leave(member);
        member.rooms.remove(room);
        if (room.isEmpty()) {
            close(room, Message.left(member.identity(), clock.now()));
        } else if (lastOfUser) {
            announceChange(room, Message.left(member.identity(), clock.now()), eachChangeAnnounced);
        }
    }

    /**
     * The last member has left: its leave, and the summary of any changes not yet announced, go into the room's
     * history, where the next to enter will find them; then the room is forgotten until someone enters again.
     */
    private void close(Room room, Message lastLeave) {
        if (summaries.isPending(room)) {
            summaries.left(room);
            publish(room, Message.system(summaries.take(room).orElseThrow(), clock.now()));
        } else {
            publish(room, lastLeave);
        }
        room.forgetRecent();
        byName.remove(room.name);
        counters.rooms(byName.size());
    }

    /** A join or a leave: on its own in a small room, summed up once per interval in a large one. */
    private void announceChange(Room room, Message change, boolean onItsOwn) {
        if (onItsOwn) {
            publish(room, change);
        } else if (change.type() == MessageType.JOIN) {
            summaries.joined(room);
        } else {
            summaries.left(room);
        }
    }

    /**
     * Numbers the message in its room, keeps it, and sends it to every member of the room. Each message is counted
     * before it is handed out, so that a client that has it never reads a count without it.
     */
    private void publish(Room room, Message message) {
        var published = new RoomMessage(room.name, room.nextId(), message);
        store.append(published);
        var encoded = WireFormat.encode(published);
        room.remember(encoded);
        counters.message(message.type(), room.connectionCount());
        fanOut.toRoom(room, encoded);
    }
}
