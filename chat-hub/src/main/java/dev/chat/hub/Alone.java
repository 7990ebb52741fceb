package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.needed.Cluster;
import dev.chat.domain.port.needed.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A hub that is the whole chat: it numbers each room from its store and knows every member itself. */
final class Alone implements Sharing {

    private final MessageStore store;
    private final Presence presence;

    Alone(MessageStore store, Presence presence) {
        this.store = store;
        this.presence = presence;
    }

    @Override
    public long lastId(String room) {
        return store.lastId(room);
    }

    /** Every answer is in memory here, or in a store that keeps the newest in memory. */
    @Override
    public Optional<Executor> questionsAfar() {
        return Optional.empty();
    }

    @Override
    public boolean summarised(Room room, Message summary) {
        return false;
    }

    @Override
    public Optional<Duration> reportEvery() {
        return Optional.empty();
    }

    @Override
    public void report(HubStats stats, Analytics analytics) {
    }

    @Override
    public long opened(String room) {
        return lastId(room);
    }

    @Override
    public void closed(String room) {
    }

    @Override
    public Supplier<View> entered(Room room, Identity who, boolean firstHere, Instant at) {
        var announcement = !firstHere ? Announcement.NONE
                : presence.announcesEachChange(room.connectionCount()) ? Announcement.NOW : Announcement.IN_SUMMARY;
        var view = new View(room.userCount(), room.firstUsers(Math.max(presence.limit(), 1)), announcement);
        return () -> view;
    }

    /** The last to leave is told even in a room over the limit: it goes into the history the next to enter finds. */
    @Override
    public Announcement left(Room room, Identity who, boolean lastHere, boolean eachChangeAnnounced, Instant at) {
        if (!lastHere) {
            return Announcement.NONE;
        }
        return eachChangeAnnounced || room.isEmpty() ? Announcement.NOW : Announcement.IN_SUMMARY;
    }

    @Override
    public Optional<RoomMessage> publish(Room room, Message message, Member sender, Optional<Nonce> nonce) {
        var published = new RoomMessage(room.name, room.nextId(), message);
        store.append(published);
        return Optional.of(published);
    }

    @Override
    public Optional<RoomMessage> publish(Room room, Message message, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer) {
        var published = publish(room, message, null, nonce);
        published.ifPresent(numbered -> answer.complete(Checked.accepted(numbered)));
        return published;
    }

    @Override
    public void typing(Room room, Identity who) {
        // Every member of the room is here, and has been told.
    }

    @Override
    public void read(String room, String userId, long id) {
        // Every connection of the user, and every member of the room, is here, and has been told.
    }

    @Override
    public boolean handedOn(DirectMessage message, Member sender) {
        return false;
    }

    @Override
    public boolean handedOn(DirectMessage message, CompletableFuture<Checked<DirectMessage>> answer) {
        return false;
    }

    @Override
    public void connected(Identity who) {
        // Every member is in this node's own index already.
    }

    @Override
    public void disconnected(Identity who) {
        // As for connected: nobody else needs to know.
    }

    @Override
    public void resync(List<Cluster.Here> here, Instant at) {
        // Only a cluster can lose track of this node's members.
    }

    @Override
    public Optional<List<RoomSummary>> rooms() {
        return Optional.empty();
    }

    @Override
    public Optional<List<Identity>> users(String room) {
        return Optional.empty();
    }
}
