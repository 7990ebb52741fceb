package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** One room, owned by the event loop: its connections, the users behind them, and its last messages and id. */
final class Room {

    final String name;
    private final int recentCapacity;
    private final RecentBytes recentBytes;
    /** The room's last messages, encoded, for newcomers: replaying them needs no store read and no encoding. */
    private final ArrayDeque<EncodedMessage> recent = new ArrayDeque<>();
    /** False while messages from before this room object, kept only in the store, belong in {@link #recent}. */
    private boolean recentIsComplete;
    /** Once the rooms' recent messages took too many bytes, this room serves newcomers from the store for good. */
    private boolean recentDropped;
    private final Roster connections = new Roster();
    /** By userId, in the order they came. */
    private final Map<String, User> users = new LinkedHashMap<>();
    private long lastId;
    /** Who was last said to be typing here, and when. */
    final TypingGate typing = new TypingGate();

    /** A user in the room, and how many of its connections are here. */
    private static final class User {
        final Identity identity;
        int connections;

        User(Identity identity) {
            this.identity = identity;
        }
    }

    Room(String name, long lastId, int recentCapacity, RecentBytes recentBytes) {
        this.name = name;
        this.lastId = lastId;
        this.recentCapacity = recentCapacity;
        this.recentBytes = recentBytes;
        this.recentIsComplete = lastId == 0 || recentCapacity == 0;
    }

    /** Adds a connection; true if it is its user's first in this room. */
    boolean enter(Member member) {
        connections.add(member);
        var user = users.computeIfAbsent(member.identity().userId(), id -> new User(member.identity()));
        return ++user.connections == 1;
    }

    /** Removes a connection; true if it was its user's last in this room. */
    boolean leave(Member member) {
        connections.remove(member);
        var userId = member.identity().userId();
        if (--users.get(userId).connections > 0) {
            return false;
        }
        users.remove(userId);
        typing.forget(userId);
        return true;
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    /** Connections in the room; a user with two tabs counts twice. */
    int connectionCount() {
        return connections.size();
    }

    int userCount() {
        return users.size();
    }

    List<Identity> users() {
        return firstUsers(users.size());
    }

    /** The first users to have entered, at most {@code max}: what a presence message lists in a large room. */
    List<Identity> firstUsers(int max) {
        return users.values().stream().limit(max).map(user -> user.identity).toList();
    }

    void forEach(Consumer<Member> action) {
        connections.forEach(action);
    }

    /** Every connection here but the user's own: who is told what that user did. */
    void forEachOtherThan(String userId, Consumer<Member> action) {
        connections.forEach(member -> {
            if (!member.identity().userId().equals(userId)) {
                action.accept(member);
            }
        });
    }

    long lastId() {
        return lastId;
    }

    long nextId() {
        return ++lastId;
    }

    /** For a message the cluster numbered: ids reach this node in order, perhaps with gaps. */
    void advanceTo(long id) {
        lastId = id;
    }

    /** Keeps a just-published message among the recent ones, if the rooms' recent messages have room for it. */
    void remember(EncodedMessage message) {
        if (recentCapacity == 0 || recentDropped) {
            return;
        }
        if (recent.size() == recentCapacity) {
            recentBytes.remove(recent.removeFirst().size());
            recentIsComplete = true;
        }
        recent.addLast(message);
        if (!recentBytes.add(message.size())) {
            forgetRecent();
            recentDropped = true;
        }
    }

    /** The room's newest messages as the store keeps them, for a room that opens with a history: the recent ones. */
    void startFrom(List<EncodedMessage> newest) {
        newest.forEach(this::remember);
        recentIsComplete = true;
    }

    /** The last messages published here, oldest first, if this room has seen them all; empty otherwise. */
    Optional<List<EncodedMessage>> recent() {
        return recentIsComplete && !recentDropped ? Optional.of(List.copyOf(recent)) : Optional.empty();
    }

    /**
     * The recent messages no longer stand for the room's history: messages were missed here, or a chat among them
     * was edited, deleted or reacted to (the store shows it as it is now, and has erased a deleted one). Newcomers
     * get their history from the store until the recent ones are a full run of new messages again.
     */
    void recentStale() {
        forgetRecent();
        recentIsComplete = recentCapacity == 0;
    }

    /** Gives back the bytes of the recent messages; for a room being forgotten, or over the bound. */
    void forgetRecent() {
        for (var message : recent) {
            recentBytes.remove(message.size());
        }
        recent.clear();
    }
}
