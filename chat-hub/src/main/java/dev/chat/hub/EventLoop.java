package dev.chat.hub;

import dev.chat.domain.CloseReason;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.EncodedMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageStore;
import dev.chat.domain.MessageType;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's single thread of control. It alone touches the members, the rooms and who is where, so nothing in it
 * needs a lock; every other thread talks to it through the {@link Inbox}. It never waits on anything but the inbox
 * and the message store: delivering is handing an encoded message to each member's {@link Outbox}.
 */
final class EventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final Inbox inbox;
    private final Clock clock;
    private final Presence presence;
    private final RoomLimits limits;
    private final MessageStore store;
    private final Roster everyone = new Roster();
    private final Map<String, List<Member>> connectionsByUser = new HashMap<>();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Set<Room> roomsWithUnannouncedChanges = new LinkedHashSet<>();
    /** Members whose outbox refused a message during the current command; closed once it is carried out. */
    private final Set<Member> tooSlow = new LinkedHashSet<>();
    private long summariesDueNanos;

    // Written by the loop only; volatile so that any thread may read them.
    private volatile int clients;
    private volatile long messages;
    private volatile long dropped;
    private volatile long closedTooSlow;
    private volatile long closedSendFailed;

    EventLoop(Inbox inbox, Clock clock, Presence presence, RoomLimits limits, MessageStore store) {
        this.inbox = inbox;
        this.clock = clock;
        this.presence = presence;
        this.limits = limits;
        this.store = store;
    }

    @Override
    public void run() {
        try {
            var running = true;
            while (running) {
                running = handle(next());
                if (running && summariesAreDue()) {
                    announcePresenceSummaries();
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.WARNING, "hub loop interrupted; closing every connection");
            finishAll();
        }
    }

    int clients() {
        return clients;
    }

    HubStats stats() {
        return new HubStats(clients, messages, dropped, closedTooSlow, closedSendFailed);
    }

    /** The members left when the loop ended. Read only after the loop thread has ended. */
    List<Member> remaining() {
        return everyone.snapshot();
    }

    /** The next command; while presence summaries are pending, nothing after they are due. */
    private Command next() throws InterruptedException {
        return roomsWithUnannouncedChanges.isEmpty()
                ? inbox.take()
                : inbox.poll(summariesDueNanos - System.nanoTime());
    }

    /** Carries out one command; false once the loop should stop. */
    private boolean handle(Command command) {
        if (command != null) {
            safely(command, () -> dispatch(command));
            closeTooSlow();
        }
        return !(command instanceof Command.Shutdown);
    }

    private void dispatch(Command command) {
        switch (command) {
            case Command.Connect(var member, var firstRoom) -> admit(member, firstRoom);
            case Command.Disconnect(var member) -> dismiss(member);
            case Command.Broken(var member) -> closeBroken(member);
            case Command.Post(var from, var request) -> carryOut(from, request);
            case Command.Reply(var to, var rejection) -> reply(to, rejection);
            case Command.Announce(var content) -> announce(content);
            case Command.ListRooms(var answer) -> answer.complete(roomSummaries());
            case Command.ListUsers(var room, var answer) -> answer.complete(usersIn(room));
            case Command.Shutdown() -> finishAll();
        }
    }

    /** A failure is reported and the loop goes on: one bad command must not stop the chat for everyone. */
    private void safely(Object what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "hub could not handle " + what + "; carrying on", e);
        }
    }

    private void admit(Member member, Request.Subscribe firstRoom) {
        everyone.add(member);
        connectionsByUser.computeIfAbsent(member.identity().userId(), id -> new ArrayList<>()).add(member);
        clients = everyone.size();
        member.outbox.start();
        enter(member, firstRoom);
    }

    /** Closes every member that could not take a message, so that none of them misses one without being told. */
    private void closeTooSlow() {
        for (var member : tooSlow) {
            closedTooSlow++;
            LOG.log(Level.INFO, () -> member + " fell too far behind; closing it with " + CloseReason.TOO_SLOW.code());
            member.outbox.abort(CloseReason.TOO_SLOW);
            dismiss(member);
        }
        tooSlow.clear();
    }

    /** Its writer has given up on the connection and closed it. */
    private void closeBroken(Member member) {
        if (everyone.contains(member)) {
            closedSendFailed++;
            dismiss(member);
        }
    }

    private void dismiss(Member member) {
        if (!everyone.remove(member)) {
            return;
        }
        var userId = member.identity().userId();
        var connections = connectionsByUser.get(userId);
        connections.remove(member);
        if (connections.isEmpty()) {
            connectionsByUser.remove(userId);
        }
        clients = everyone.size();
        member.outbox.discard();
        for (var room : List.copyOf(member.rooms)) {
            leave(member, room);
        }
    }

    private void carryOut(Member from, Request request) {
        if (!everyone.contains(from)) {
            return;
        }
        switch (request) {
            case Request.Chat(var room, var content) -> chat(from, room, content);
            case Request.Direct(var to, var content) -> direct(from, to, content);
            case Request.Subscribe subscribe -> enter(from, subscribe);
            case Request.Unsubscribe(var room) -> unsubscribe(from, room);
        }
    }

    private void chat(Member from, String roomName, String content) {
        Room room;
        if (roomName != null) {
            room = roomOf(from, roomName).orElse(null);
            if (room == null) {
                reject(from, ErrorCode.NOT_IN_ROOM, "you are not in room '" + roomName + "'; subscribe first");
                return;
            }
        } else if (from.rooms.size() == 1) {
            room = from.rooms.getFirst();
        } else {
            reject(from, ErrorCode.ROOM_REQUIRED, "you are in " + from.rooms.size() + " rooms: name the 'room'");
            return;
        }
        publish(room, Message.chat(from.identity(), content, now()));
    }

    private void direct(Member from, String to, String content) {
        var recipients = connectionsByUser.getOrDefault(to, List.of());
        if (recipients.isEmpty()) {
            reject(from, ErrorCode.USER_OFFLINE, "user '" + to + "' is not connected");
            return;
        }
        var encoded = WireFormat.encode(new DirectMessage(to, Message.direct(from.identity(), content, now())));
        messages++;
        recipients.forEach(member -> deliver(member, encoded));
        if (!to.equals(from.identity().userId())) {
            connectionsByUser.get(from.identity().userId()).forEach(member -> deliver(member, encoded));
        }
    }

    /**
     * Puts a connection in a room. What it is sent comes in this order, all within this one step of the loop, so
     * nothing can fall between: who is there, the history it asked for, then (within the presence limit) its own join,
     * then live messages.
     */
    private void enter(Member member, Request.Subscribe request) {
        if (roomOf(member, request.room()).isPresent()) {
            reject(member, ErrorCode.ALREADY_IN_ROOM, "you are already in room '" + request.room() + "'");
            return;
        }
        if (member.rooms.size() >= limits.perConnection()) {
            reject(member, ErrorCode.TOO_MANY_ROOMS, "a connection may be in at most " + limits.perConnection()
                    + " rooms");
            return;
        }
        var room = rooms.computeIfAbsent(request.room(),
                name -> new Room(name, store.lastId(name), limits.historyOnJoin()));
        boolean firstOfUser = room.enter(member);
        member.rooms.add(room);
        var catchUp = CatchUp.of(room, request.since(), store, limits);
        deliver(member, WireFormat.presence(room.name, room.userCount(),
                room.firstUsers(Math.max(presence.limit(), 1)), catchUp.recovered()));
        catchUp.messages().forEach(member.outbox::offerHistory);
        if (firstOfUser) {
            announceChange(room, Message.joined(member.identity(), now()),
                    presence.announcesEachChange(room.connectionCount()));
        }
    }

    private void unsubscribe(Member member, String roomName) {
        roomOf(member, roomName).ifPresentOrElse(
                room -> leave(member, room),
                () -> reject(member, ErrorCode.NOT_IN_ROOM, "you are not in room '" + roomName + "'"));
    }

    private static Optional<Room> roomOf(Member member, String roomName) {
        return member.rooms.stream().filter(room -> room.name.equals(roomName)).findFirst();
    }

    private void leave(Member member, Room room) {
        boolean eachChangeAnnounced = presence.announcesEachChange(room.connectionCount());
        boolean lastOfUser = room.leave(member);
        member.rooms.remove(room);
        if (room.isEmpty()) {
            close(room, Message.left(member.identity(), now()));
        } else if (lastOfUser) {
            announceChange(room, Message.left(member.identity(), now()), eachChangeAnnounced);
        }
    }

    /**
     * The last member has left: its leave, and the summary of any changes not yet announced, go into the room's
     * history, where the next to enter will find them; then the room is forgotten until someone enters again.
     */
    private void close(Room room, Message lastLeave) {
        if (roomsWithUnannouncedChanges.remove(room)) {
            room.noteLeave();
            publish(room, Message.system(room.takeSummary(), now()));
        } else {
            publish(room, lastLeave);
        }
        rooms.remove(room.name);
    }

    /** A join or a leave: on its own in a small room, summed up once per interval in a large one. */
    private void announceChange(Room room, Message change, boolean onItsOwn) {
        if (onItsOwn) {
            publish(room, change);
            return;
        }
        if (roomsWithUnannouncedChanges.isEmpty()) {
            summariesDueNanos = System.nanoTime() + presence.interval().toNanos();
        }
        roomsWithUnannouncedChanges.add(room);
        if (change.type() == MessageType.JOIN) {
            room.noteJoin();
        } else {
            room.noteLeave();
        }
    }

    private boolean summariesAreDue() {
        return !roomsWithUnannouncedChanges.isEmpty() && System.nanoTime() - summariesDueNanos >= 0;
    }

    private void announcePresenceSummaries() {
        var due = List.copyOf(roomsWithUnannouncedChanges);
        roomsWithUnannouncedChanges.clear();
        for (var room : due) {
            var summary = room.takeSummary();
            safely("the presence summary of " + room.name, () -> publish(room, Message.system(summary, now())));
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
        messages++;
        room.forEach(member -> deliver(member, encoded));
    }

    /** A server-wide announcement: every connection gets it once, whatever rooms it is in. */
    private void announce(String content) {
        var encoded = WireFormat.encode(Message.system(content, now()));
        messages++;
        everyone.forEach(member -> deliver(member, encoded));
    }

    /** A refusal checked outside the loop, for a member that may have left while it waited in the inbox. */
    private void reply(Member to, Rejection rejection) {
        if (everyone.contains(to)) {
            deliver(to, WireFormat.encode(rejection));
        }
    }

    private void reject(Member member, ErrorCode code, String message) {
        deliver(member, WireFormat.encode(new Rejection(code, message)));
    }

    /**
     * To a current member: every caller knows it is one, so the broadcast path pays no lookup per recipient. A member
     * whose outbox refuses is closed once the command is done, rather than now, while a room is being gone through.
     */
    private void deliver(Member member, EncodedMessage message) {
        if (!member.outbox.offer(message)) {
            dropped++;
            tooSlow.add(member);
        }
    }

    private List<RoomSummary> roomSummaries() {
        return rooms.values().stream()
                .map(room -> new RoomSummary(room.name, room.userCount()))
                .sorted(Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room))
                .toList();
    }

    private List<Identity> usersIn(String room) {
        var found = rooms.get(room);
        return found == null ? List.of() : found.users();
    }

    private void finishAll() {
        everyone.forEach(member -> member.outbox.finish());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
