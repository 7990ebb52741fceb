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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Who decides a room's ids and presence: this node {@link Alone}, or the cluster of nodes it is {@link Clustered}
 * in. {@link Rooms} and {@link DirectMessages} ask it, and carry out what it leaves to them.
 */
sealed interface Sharing permits Alone, Clustered {

    /** What a join or leave leaves for this node to announce. */
    enum Announcement { NONE, NOW, IN_SUMMARY }

    /** What a connection entering a room is told of who is there, and what its join leaves to announce. */
    record View(int users, List<Identity> shown, Announcement announcement) {}

    /** The id of the room's newest message, for a room that is not open on this node. */
    long lastId(String room);

    /** A room opens on this node, which from now on hears of its messages: the id it numbers on from. */
    long opened(String room);

    /** The room's last member here has left, and the room is forgotten here. */
    void closed(String room);

    /**
     * Where a connection entering a room has its questions (to the cluster, to the store) answered: empty for on the
     * loop, as it enters, when the answers are at hand; else an executor of threads of their own, since the answers
     * are a round trip away, and the loop then begins several entries before it waits for theirs
     * ({@link Chat#handleEntries}).
     */
    Optional<Executor> questionsAfar();

    /**
     * The member has just entered the room here ({@code firstHere} if it is its user's first connection in it): asks
     * what it is to be told of who is there, and what its join leaves to announce. The answer is taken on the loop.
     */
    Supplier<View> entered(Room room, Identity who, boolean firstHere, Instant at);

    /**
     * A member has just left the room here; {@code lastHere} if it was its user's last connection in it, and
     * {@code eachChangeAnnounced} whether the room was small enough before it left for each change to be told.
     */
    Announcement left(Room room, Identity who, boolean lastHere, boolean eachChangeAnnounced, Instant at);

    /**
     * Numbers and keeps the message. Here it is numbered at once, and returned for delivery; in a cluster it is
     * handed on, and arrives back with its id like every other node's (its sender, if any, is told if it cannot).
     * A nonce the cluster has seen from the sender in the room within the window is a repeat: the cluster publishes
     * nothing, and the sender is sent the message it named again.
     */
    Optional<RoomMessage> publish(Room room, Message message, Member sender, Optional<Nonce> nonce);

    /**
     * As {@link #publish(Room, Message, Member, Optional)}, for a message posted through the server API: the answer
     * is completed with the message once numbered (or the one its nonce names), or with why not.
     */
    Optional<RoomMessage> publish(Room room, Message message, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer);

    /**
     * True if the cluster took the room's presence summary, to announce it with the other nodes' changes; false to
     * publish it here as any message.
     */
    boolean summarised(Room room, Message summary);

    /** How often this node tells the others its figures; empty when there are no others. */
    Optional<Duration> reportEvery();

    /** Tells the other nodes this node's figures. */
    void report(HubStats stats, Analytics analytics);

    /** Tells the other nodes, if any, that the user is typing in the room. */
    void typing(Room room, Identity who);

    /** Tells the other nodes, if any, that the user's read mark in the room rose to {@code id}. */
    void read(String room, String userId, long id);

    /** True if the cluster took the message, to deliver it or tell its sender why not; false to deliver it here. */
    boolean handedOn(DirectMessage message, Member sender);

    /**
     * As {@link #handedOn(DirectMessage, Member)}, for a message sent through the server API: if the cluster took
     * it, the answer is completed with it, or with why it reached nobody.
     */
    boolean handedOn(DirectMessage message, CompletableFuture<Checked<DirectMessage>> answer);

    /** The user's first connection here came, or its last went. */
    void connected(Identity who);

    void disconnected(Identity who);

    /** Tells the cluster again who is here, after it lost that. */
    void resync(List<Cluster.Here> here, Instant at);

    /** Who is in which rooms when they are not all here; empty for the rooms this node alone knows. */
    Optional<List<RoomSummary>> rooms();

    Optional<List<Identity>> users(String room);
}
