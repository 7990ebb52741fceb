package dev.chat.domain.port.needed;

import dev.chat.domain.Analytics;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.NodeReport;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.SanctionChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The port the hub needs to be one chat with other nodes: the cluster numbers every room's messages, keeps the
 * room's recent history, delivers every message to every node that {@linkplain #follow follows} its room and to the
 * node that published it, in the room's order, knows who is in each room on any node, and finds a user's
 * connections wherever they are.
 *
 * <p>Threading: {@link #lastId}, {@link #follow} and {@link #leave} are called by the hub's event loop, which waits
 * for them, so they must answer quickly or fail; {@link #enter} is called on threads of the hub's own, several at once
 * (a reconnect storm's entries are asked together), while the loop waits for the answers, so it too must answer
 * quickly or fail; {@link #unfollow}, {@link #publish},
 * {@link #send}, {@link #disconnect}, {@link #sanctioned}, {@link #online}, {@link #offline}, {@link #resync} and
 * {@link #report} return at once. The {@link Listener} is called from the cluster's own threads and must not block.
 * {@link #rooms()}, {@link #users}, {@link #nodes()}, {@link #connectedUsers()}, {@link #reports()} and
 * {@link #available()} serve any thread.
 */
public interface Cluster extends AutoCloseable {

    /** What reaches this node from the cluster. */
    interface Listener {

        /**
         * A message numbered by the cluster, from any node; {@code fromHere} if this node published it, with the
         * nonce its sender tagged it with, if any.
         */
        void published(RoomMessage message, boolean fromHere, Optional<Nonce> nonce);

        /**
         * A direct message, for whichever connections of its sender and recipient are on this node; {@code fromHere}
         * if this node sent it on, which always hears it back.
         */
        void direct(DirectMessage message, boolean fromHere);

        /** Another node's user is typing in the room; for this node's members of it. */
        void typing(String room, Identity who);

        /** A user's read mark in the room rose, on another node; for this node's connections it concerns. */
        void read(String room, String userId, long id);

        /** A ban or mute was imposed or lifted on another node: it holds here too. */
        void sanctioned(SanctionChange change);

        /** The server API disconnected the user on another node: close its connections here too. */
        void disconnect(String userId, String reason);

        /**
         * The cluster no longer knows who is on this node (its server lost its data, or took this node for dead
         * while it could not reach it): the node should {@link #resync} what it has.
         */
        void presenceLost();
    }

    /** What a node has left to do about a user's join or leave once the cluster has recorded it. */
    enum Change {
        /**
         * The user was already in the room on another node (or is still), or the change went into a summary that
         * another node announces: nobody is told now.
         */
        NONE,
        /** The cluster published the join or leave in the room, numbered like any message. */
        ANNOUNCED,
        /** The room is larger than the presence limit: the node counts the change into its next {@link #summarise}. */
        TO_SUMMARISE
    }

    /**
     * What a connection entering a room learns of it.
     *
     * @param users every user in the room, on any node, each once
     * @param shown some of them, at most the presence limit
     */
    record Entered(Change change, int users, List<Identity> shown) {

        public Entered {
            shown = List.copyOf(shown);
        }
    }

    /** One user in one room on this node; a null room stands for the user being connected at all. */
    record Here(String room, Identity who) {}

    /** Starts taking the cluster's messages, before any other call. */
    void start(Listener listener);

    /** The id of the newest message in the room, on any node; 0 if there is none. */
    long lastId(String room);

    /**
     * This node has a member in the room now: from here on the room's messages reach it. Returns once they do, with
     * the id of the room's newest message, so that every message after it arrives here. A cluster that delivers
     * every room to every node needs nothing more than {@link #lastId}.
     */
    default long follow(String room) {
        return lastId(room);
    }

    /**
     * This node has no member left in the room: the room's messages need not reach it any more, except those this
     * node publishes, which always come back to it. Returns at once.
     */
    default void unfollow(String room) {
    }

    /**
     * Records that the user is in the room on this node; the first such record on any node is a join, published
     * in the room if it has at most the cluster's presence limit of users.
     */
    Entered enter(String room, Identity who, Instant at);

    /** Records that the user has no connection left in the room on this node; the last such on any node is a leave. */
    Change leave(String room, Identity who, Instant at);

    /**
     * Announces in the room the summary of the changes this node was told {@link Change#TO_SUMMARISE}, once its
     * presence interval is over; returns at once. By default this node's own summary is published; a cluster that
     * tallies each room's changes over every node publishes its tally instead, so that a large room gets one summary
     * an interval however many nodes its members are on, and tells one node at a time to summarise.
     */
    default void summarise(String room, Message summary) {
        publish(room, summary, Optional.empty());
    }

    /**
     * The id the cluster gave a message; {@code repeated} if it had given it already, to a message of the same
     * sender in the same room with the same nonce, within the nonce window: then nothing was published.
     */
    record Numbered(long id, boolean repeated) {}

    /**
     * Numbers the message in its room, keeps it and delivers it to every node, unless its sender posted one with the
     * same nonce in the room within the nonce window; fails if it could not.
     */
    CompletionStage<Numbered> publish(String room, Message message, Optional<Nonce> nonce);

    /** As {@link #publish(String, Message, Optional)}, without a nonce: its id. */
    default CompletionStage<Long> publish(String room, Message message) {
        return publish(room, message, Optional.empty()).thenApply(Numbered::id);
    }

    /**
     * Tells the other nodes that the user is typing in the room: not numbered, not kept, and lost rather than
     * retried if the cluster cannot take it now. Returns at once.
     */
    void typing(String room, Identity who);

    /**
     * Tells the other nodes that the user's read mark in the room rose to {@code id}: not numbered, not kept (the
     * mark itself is kept by {@link ReadMarks}), and lost rather than retried if the cluster cannot take it now.
     * Returns at once.
     */
    void read(String room, String userId, long id);

    /** Tells the other nodes that a ban or mute was imposed or lifted; the {@link Sanctions} keep it. */
    void sanctioned(SanctionChange change);

    /** Tells the other nodes to close every connection of the user, as the server API asked this one. */
    void disconnect(String userId, String reason);

    /**
     * Delivers a direct message to the nodes where its sender or its recipient is connected; false if the recipient
     * is connected to none.
     */
    CompletionStage<Boolean> send(DirectMessage message);

    /** The user has a connection on this node, so direct messages from any node find it. */
    void online(Identity who);

    /** The user has no connection left on this node. */
    void offline(Identity who);

    /** Replaces everything the cluster holds about who is on this node with {@code here}, announcing the changes. */
    void resync(List<Here> here, Instant at);

    /** Every room with users on any node, busiest first. */
    List<RoomSummary> rooms();

    /** The users in a room on any node, each once. */
    List<Identity> users(String room);

    /** This node's name in the cluster. */
    String node();

    /** Every node alive, this one included. */
    List<String> nodes();

    /**
     * Tells the other nodes this node's counts and analytics, replacing what it told them before; they are
     * forgotten once the node leaves. Returns at once.
     */
    default void report(HubStats stats, Analytics analytics) {
    }

    /** What each other node alive last {@linkplain #report reported}; none if the cluster keeps no reports. */
    default List<NodeReport> reports() {
        return List.of();
    }

    /** How many users are connected on any node, each once. */
    int connectedUsers();

    /** Whether this node reaches the cluster now. */
    boolean available();

    /** Leaves the cluster: this node's users leave every room at once, announced as any leave is. */
    @Override
    void close();
}
