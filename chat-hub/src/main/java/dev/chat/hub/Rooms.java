package dev.chat.hub;

import dev.chat.domain.Amendments;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.Nonce;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.needed.Cluster;
import dev.chat.domain.port.needed.Events;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.WireFormat;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The rooms that have members, and what happens in them: entering, leaving, chatting, and the announcements of
 * who came and went. Every message about a room is numbered, kept in the store and fanned out here.
 */
final class Rooms {

    private static final System.Logger LOG = System.getLogger(Rooms.class.getName());
    /** What is left of an entry that was refused, or of one fully done. */
    static final Runnable NOTHING_LEFT = () -> { };

    private final Map<String, Room> byName = new HashMap<>();
    private final RecentBytes recentBytes;
    private final MessageStore store;
    private final Sharing sharing;
    private final RoomLimits limits;
    private final Presence presence;
    private final PresenceSummaries summaries;
    private final FanOut fanOut;
    private final HubCounters counters;
    private final MessageClock clock;
    private final TypingSignals typing;
    private final Amendments amendments;
    private final ReadSignals reads;
    private final Repeats repeats;
    private final Gaps gaps;
    private final Events events;

    Rooms(MessageStore store, Sharing sharing, RoomLimits limits, Presence presence, FanOut fanOut,
            HubCounters counters, MessageClock clock, Amendments amendments, ReadSignals reads, Repeats repeats,
            Events events) {
        this.repeats = repeats;
        this.gaps = new Gaps(store, sharing, limits, presence, fanOut);
        this.events = events;
        this.store = store;
        this.sharing = sharing;
        this.limits = limits;
        this.recentBytes = new RecentBytes(limits.recentBytes());
        this.presence = presence;
        this.summaries = new PresenceSummaries(presence);
        this.fanOut = fanOut;
        this.counters = counters;
        this.clock = clock;
        this.typing = new TypingSignals(fanOut, sharing);
        this.amendments = amendments;
        this.reads = reads;
    }

    /**
     * Puts a connection in a room. What it is sent comes in this order, all within this one step of the loop, so
     * nothing can fall between: who is there, the history it asked for, then (within the presence limit) its own join,
     * then live messages.
     */
    void enter(Member member, Request.Subscribe request) {
        begin(member, request).run();
    }

    /**
     * The first half of {@link #enter}: puts the connection in the room and asks what it is to be told, on the
     * sharing's threads if its answers are a round trip away. The step returned waits for the answers and sends
     * them; until it has run, nothing may be sent to the room here.
     */
    Runnable begin(Member member, Request.Subscribe request) {
        if (!member.access.permits(request.room())) {
            fanOut.reject(member, RoomAccess.forbidden(request.room()));
            return NOTHING_LEFT;
        }
        if (roomOf(member, request.room()).isPresent()) {
            fanOut.reject(member, ErrorCode.ALREADY_IN_ROOM, "you are already in room '" + request.room() + "'");
            return NOTHING_LEFT;
        }
        if (member.rooms.size() >= limits.perConnection()) {
            fanOut.reject(member, ErrorCode.TOO_MANY_ROOMS, "a connection may be in at most "
                    + limits.perConnection() + " rooms");
            return NOTHING_LEFT;
        }
        var room = byName.computeIfAbsent(request.room(), this::open);
        counters.rooms(byName.size());
        boolean firstHere = room.enter(member);
        member.rooms.add(room);
        var at = clock.now();
        var view = sharing.entered(room, member.identity(), firstHere, at);
        var arrival = new Welcome.Arrival(room.name, room.lastId(), room.recent(), request.since(),
                member.identity().userId(), member.lastRead(room.name));
        var welcome = CompletableFuture.supplyAsync(() -> Welcome.of(arrival, store, limits),
                sharing.questionsAfar().orElse(Runnable::run));
        return () -> welcome(member, room, view.get(), welcome.join(), at);
    }

    private void welcome(Member member, Room room, Sharing.View view, Welcome welcome, Instant at) {
        fanOut.to(member, WireFormat.presence(room.name, view.users(), view.shown(), welcome.catchUp().recovered(),
                welcome.reading()));
        welcome.catchUp().messages().forEach(member.outbox::offerHistory);
        announce(room, view.announcement(), Message.joined(member.identity(), at));
    }

    /**
     * A room that opens here with a history starts its recent messages from the store's newest: its newcomers are then
     * served from memory, where each would otherwise read the store (in a cluster, a round trip to Redis that the loop
     * waits for, once per join of a reconnect storm). A store that cannot answer leaves them to the store, as before.
     */
    private Room open(String name) {
        var room = new Room(name, sharing.opened(name), limits.historyOnJoin(), recentBytes);
        if (room.lastId() > 0 && limits.historyOnJoin() > 0) {
            try {
                room.startFrom(store.before(name, room.lastId() + 1, limits.historyOnJoin()).stream()
                        .map(WireFormat::encode).toList());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "could not read the newest messages of room " + name
                        + " as it opened here: " + e.getMessage());
            }
        }
        return room;
    }

    /**
     * A message the cluster numbered, from any node: kept in this node's store if this node published it, and
     * handed to this node's members of its room once each, in the room's order. A message that arrives after a
     * gap (this node lost the cluster's stream for a while) is preceded by what history still has of the gap.
     */
    void arrived(RoomMessage message, boolean fromHere, Optional<Nonce> nonce) {
        if (fromHere) {
            store.append(message);
            numberedHere(message, nonce);
        }
        var room = byName.get(message.room());
        if (room == null || message.id() <= room.lastId()) {
            return;
        }
        if (message.id() > room.lastId() + 1) {
            gaps.fill(room, message.id(), this::deliver);
        }
        room.advanceTo(message.id());
        deliver(room, message, nonce);
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

    /**
     * A chat names its room, or goes to the one room its sender is in; the time it was stamped, null if refused or a
     * repeat of one posted already.
     */
    Instant chat(Member from, Request.Chat request) {
        var room = postingRoom(from, request.room());
        if (room == null || repeats.repeated(from, room.name, request.nonce())) {
            return null;
        }
        var chat = Message.chat(from.identity(), request.content(), clock.now());
        publish(room, chat, from, request.nonce());
        return chat.timestamp();
    }

    /**
     * An edit, deletion or reaction of a chat in the room it names, or the sender's only room: checked against the
     * chat as the store has it now, then published like a chat, so that it reaches every member, history and resume
     * in the room's order. The time it was stamped; null if refused.
     */
    Instant amend(Member from, Request.Amend request) {
        var room = postingRoom(from, request.room());
        var nonce = request instanceof Request.Edit edit ? edit.nonce() : Optional.<Nonce>empty();
        if (room == null || repeats.repeated(from, room.name, nonce)) {
            return null;
        }
        var target = store.find(room.name, request.target());
        var checked = amendments.check(request, target, from.identity(), from.access.moderates(), clock.now());
        return switch (checked) {
            case Checked.Rejected<Message>(var rejection) -> {
                fanOut.reject(from, rejection);
                yield null;
            }
            case Checked.Accepted<Message>(var amendment) -> {
                publish(room, amendment, from, nonce);
                yield amendment.timestamp();
            }
        };
    }

    /**
     * A post through the server API: a system message, or a chat as {@code author}. Numbered in the room whether or
     * not it has members here; a room with none is numbered and kept but not opened.
     */
    void post(String roomName, Optional<Identity> author, String content, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer) {
        var now = clock.now();
        var posted = repeats.postedAs(roomName, author.map(Identity::userId).orElse(""), nonce);
        if (posted.isPresent()) {
            repeats.answerAgain(roomName, posted.get(), answer);
            return;
        }
        publishFromServer(roomName, author.map(who -> Message.chat(who, content, now))
                .orElseGet(() -> Message.system(content, now)), nonce, answer);
    }


    /** An operator's deletion through the server API: of any chat still there, with the same erasure as its author's. */
    void remove(String roomName, long target, CompletableFuture<Checked<RoomMessage>> answer) {
        switch (amendments.checkRemoval(target, store.find(roomName, target), clock.now())) {
            case Checked.Rejected<Message>(var rejection) -> answer.complete(new Checked.Rejected<>(rejection));
            case Checked.Accepted<Message>(var deletion) -> publishFromServer(roomName, deletion, Optional.empty(),
                    answer);
        }
    }

    private void publishFromServer(String roomName, Message message, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer) {
        var open = byName.get(roomName);
        var numbering = open != null ? open : new Room(roomName, sharing.lastId(roomName), limits.historyOnJoin(),
                recentBytes);
        sharing.publish(numbering, message, nonce, answer).ifPresent(published -> {
            numberedHere(published, nonce);
            if (open != null) {
                deliver(open, published, nonce);
            }
        });
    }

    /** The user is typing in the room it names, or its only room. */
    void typing(Member from, String roomName) {
        var room = postingRoom(from, roomName);
        if (room != null) {
            typing.typed(room, from.identity());
        }
    }

    /** The user has read the room it names, or its only room, up to {@code id}. */
    void read(Member from, String roomName, long id) {
        var room = postingRoom(from, roomName);
        if (room != null) {
            reads.read(room, from.identity(), id);
        }
    }

    /** Another node's user raised its read mark in a room. */
    void readArrived(String roomName, String userId, long id) {
        reads.arrived(roomName, byName.get(roomName), userId, id);
    }

    /** Another node's user is typing in a room that may have members here. */
    void typingArrived(String roomName, Identity who) {
        var room = byName.get(roomName);
        if (room != null) {
            typing.arrived(room, who);
        }
    }

    /** The room a message names, or the sender's only room; null, with the sender told, if none. */
    private Room postingRoom(Member from, String roomName) {
        if (roomName != null) {
            var room = roomOf(from, roomName).orElse(null);
            if (room == null) {
                fanOut.reject(from, ErrorCode.NOT_IN_ROOM, "you are not in room '" + roomName + "'; subscribe first");
            }
            return room;
        }
        if (from.rooms.size() == 1) {
            return from.rooms.getFirst();
        }
        fanOut.reject(from, ErrorCode.ROOM_REQUIRED, "you are in " + from.rooms.size() + " rooms: name the 'room'");
        return null;
    }

    /** When the presence summaries of large rooms are due, as a {@link System#nanoTime()}; empty if none are. */
    OptionalLong summariesDue() {
        return summaries.due();
    }

    void announceSummaries() {
        summaries.takeAll(clock.now()).forEach(this::summarise);
    }

    /** The rooms with members here; in a cluster, {@link Sharing#rooms()} knows them all. */
    List<RoomSummary> list() {
        return byName.values().stream()
                .map(room -> new RoomSummary(room.name, room.userCount()))
                .sorted(Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room))
                .toList();
    }

    /** Everyone here as the cluster records them: each user connected, and each user in each room. */
    List<Cluster.Here> here(List<Identity> connected) {
        var here = new ArrayList<Cluster.Here>();
        connected.forEach(who -> here.add(new Cluster.Here(null, who)));
        byName.values().forEach(room -> room.users().forEach(who -> here.add(new Cluster.Here(room.name, who))));
        return here;
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
        boolean lastHere = room.leave(member);
        member.rooms.remove(room);
        var at = clock.now();
        var announcement = sharing.left(room, member.identity(), lastHere, eachChangeAnnounced, at);
        var leave = Message.left(member.identity(), at);
        if (room.isEmpty()) {
            close(room, announcement, leave);
        } else {
            announce(room, announcement, leave);
        }
    }

    /**
     * The last member here has left: its leave, and the summary of any changes not yet announced, go into the
     * room's history, where the next to enter will find them; then the room is forgotten until someone enters again.
     */
    private void close(Room room, Sharing.Announcement announcement, Message leave) {
        if (summaries.isPending(room)) {
            if (announcement != Sharing.Announcement.NONE) {
                summaries.left(room);
            }
            summarise(room, summaries.take(room, clock.now()).orElseThrow());
        } else if (announcement == Sharing.Announcement.NOW) {
            publish(room, leave);
        }
        room.forgetRecent();
        byName.remove(room.name);
        sharing.closed(room.name);
        counters.rooms(byName.size());
    }

    /** A join or a leave: on its own in a small room, summed up once per interval in a large one. */
    private void announce(Room room, Sharing.Announcement announcement, Message change) {
        switch (announcement) {
            case NONE -> { }
            case NOW -> publish(room, change);
            case IN_SUMMARY -> {
                if (change.type() == MessageType.JOIN) {
                    summaries.joined(room);
                } else {
                    summaries.left(room);
                }
            }
        }
    }

    /** In a cluster, the cluster may sum up the room's changes on every node in one summary. */
    private void summarise(Room room, Message summary) {
        if (!sharing.summarised(room, summary)) {
            publish(room, summary);
        }
    }

    /** Numbers the message in its room and keeps it, then delivers it here unless the cluster will. */
    private void publish(Room room, Message message, Member sender, Optional<Nonce> nonce) {
        sharing.publish(room, message, sender, nonce).ifPresent(published -> {
            numberedHere(published, nonce);
            deliver(room, published, nonce);
        });
    }

    private void publish(Room room, Message message) {
        publish(room, message, null, Optional.empty());
    }

    /**
     * Sends a numbered message to every member of the room here. Each message is counted before it is handed out,
     * so that a client that has it never reads a count without it.
     */
    /** This node published the message: the product's backend is told, and its nonce remembered. */
    private void numberedHere(RoomMessage published, Optional<Nonce> nonce) {
        counters.message(published.message().type());
        events.happened(new ChatEvent.Posted(published));
        repeats.posted(published, nonce);
    }

    private void deliver(Room room, RoomMessage published) {
        deliver(room, published, Optional.empty());
    }

    /** With a nonce, the sender's connections get the message with it, and everyone else without. */
    private void deliver(Room room, RoomMessage published, Optional<Nonce> nonce) {
        var encoded = WireFormat.encode(published);
        if (published.message().type().amends()) {
            room.recentStale();
        } else {
            room.remember(encoded);
        }
        counters.delivered(room.connectionCount());
        if (nonce.isEmpty()) {
            fanOut.toRoom(room, encoded);
            return;
        }
        var sender = published.message().userId();
        var tagged = WireFormat.encode(published, nonce.get());
        room.forEach(member -> fanOut.to(member, member.identity().userId().equals(sender) ? tagged : encoded));
    }
}
