package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.port.needed.Cluster;
import dev.chat.domain.protocol.WireFormat;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A hub that is one node of a cluster: the cluster numbers each room, knows who is in it on every node, and
 * delivers every message to the nodes with members in its room and back to the node that published it, where
 * {@link Rooms} hands it out. A node that cannot reach the cluster refuses posts to their senders
 * ({@link ErrorCode#CLUSTER_UNAVAILABLE}) rather than number them on its own, and keeps its members; it tells the
 * cluster again who is here once it is back.
 */
final class Clustered implements Sharing {

    private static final System.Logger LOG = System.getLogger(Clustered.class.getName());
    private static final Rejection UNAVAILABLE = new Rejection(ErrorCode.CLUSTER_UNAVAILABLE,
            "the chat cluster cannot be reached; your message was not sent, try again");

    /** Often enough for a dashboard that refreshes every few seconds; a report is one write to the cluster. */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(2);

    private final Cluster cluster;
    private final Presence presence;
    private final Inbox inbox;
    private final Executor questions;
    /** Asked for with every command the loop takes, so made once. */
    private final Optional<Executor> questionsAfar;

    /** @param threads start a thread for each question an entering connection asks the cluster or the store */
    Clustered(Cluster cluster, Presence presence, Inbox inbox, ThreadFactory threads) {
        this.cluster = cluster;
        this.presence = presence;
        this.inbox = inbox;
        this.questions = question -> threads.newThread(question).start();
        this.questionsAfar = Optional.of(questions);
    }

    @Override
    public Optional<Executor> questionsAfar() {
        return questionsAfar;
    }

    /** Zero while the cluster cannot say: a resume to this room then learns that it may have missed something. */
    @Override
    public long lastId(String room) {
        return whereIs(room, cluster::lastId);
    }

    /** As {@link #lastId}: a room followed while the cluster cannot be reached is followed once it is back. */
    @Override
    public long opened(String room) {
        return whereIs(room, cluster::follow);
    }

    private static long whereIs(String room, ToLongFunction<String> lastId) {
        try {
            return lastId.applyAsLong(room);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cluster could not say where room " + room + " is: " + e.getMessage());
            return 0;
        }
    }

    @Override
    public void closed(String room) {
        cluster.unfollow(room);
    }

    @Override
    public boolean summarised(Room room, Message summary) {
        cluster.summarise(room.name, summary);
        return true;
    }

    @Override
    public Optional<Duration> reportEvery() {
        return Optional.of(REPORT_EVERY);
    }

    /** A report the cluster did not take is replaced by the next one. */
    @Override
    public void report(HubStats stats, Analytics analytics) {
        try {
            cluster.report(stats, analytics);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cluster did not take this node's figures: " + e.getMessage());
        }
    }

    /**
     * Asked on a thread of its own; within this node's rooms only while the cluster cannot be reached, as the loop
     * sees them when it takes the answer. The cluster learns of them when it is back.
     */
    @Override
    public Supplier<View> entered(Room room, Identity who, boolean firstHere, Instant at) {
        var asked = CompletableFuture.supplyAsync(() -> cluster.enter(room.name, who, at), questions);
        return () -> {
            try {
                var entered = asked.join();
                return new View(entered.users(), entered.shown(), announcement(entered.change()));
            } catch (CompletionException e) {
                LOG.log(Level.WARNING, () -> "cluster did not record " + who.userId() + " in " + room.name + ": "
                        + e.getCause().getMessage());
                return new View(room.userCount(), room.firstUsers(Math.max(presence.limit(), 1)), Announcement.NONE);
            }
        };
    }

    @Override
    public Announcement left(Room room, Identity who, boolean lastHere, boolean eachChangeAnnounced, Instant at) {
        if (!lastHere) {
            return Announcement.NONE;
        }
        try {
            return announcement(cluster.leave(room.name, who, at));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cluster did not record that " + who.userId() + " left " + room.name + ": "
                    + e.getMessage());
            return Announcement.NONE;
        }
    }

    @Override
    public Optional<RoomMessage> publish(Room room, Message message, Member sender, Optional<Nonce> nonce) {
        cluster.publish(room.name, message, nonce).whenComplete((numbered, failure) -> {
            if (failure != null) {
                refused(sender, "a message in " + room.name, failure);
            } else if (numbered.repeated() && sender != null) {
                inbox.offer(new Command.Repeat(sender, room.name, numbered.id(), nonce.orElseThrow()));
            }
        });
        return Optional.empty();
    }

    @Override
    public Optional<RoomMessage> publish(Room room, Message message, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer) {
        cluster.publish(room.name, message, nonce).whenComplete((numbered, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, () -> "cluster did not take a post in " + room.name + ": " + failure.getMessage());
                answer.complete(new Checked.Rejected<>(UNAVAILABLE));
            } else if (numbered.repeated()) {
                inbox.offer(new Command.RepeatAnswer(room.name, numbered.id(), answer));
            } else {
                answer.complete(Checked.accepted(new RoomMessage(room.name, numbered.id(), message)));
            }
        });
        return Optional.empty();
    }

    @Override
    public void typing(Room room, Identity who) {
        cluster.typing(room.name, who);
    }

    @Override
    public void read(String room, String userId, long id) {
        cluster.read(room, userId, id);
    }

    @Override
    public boolean handedOn(DirectMessage message, Member sender) {
        cluster.send(message).whenComplete((delivered, failure) -> {
            if (failure != null) {
                refused(sender, "a direct message", failure);
            } else if (!delivered) {
                tell(sender, DirectMessages.offline(message.to()));
            }
        });
        return true;
    }

    @Override
    public boolean handedOn(DirectMessage message, CompletableFuture<Checked<DirectMessage>> answer) {
        cluster.send(message).whenComplete((delivered, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, () -> "cluster did not take a direct message: " + failure.getMessage());
                answer.complete(new Checked.Rejected<>(UNAVAILABLE));
            } else {
                answer.complete(delivered ? Checked.accepted(message)
                        : new Checked.Rejected<>(DirectMessages.offline(message.to())));
            }
        });
        return true;
    }

    @Override
    public void connected(Identity who) {
        untilResync(() -> cluster.online(who), who.userId() + " connected");
    }

    @Override
    public void disconnected(Identity who) {
        untilResync(() -> cluster.offline(who), who.userId() + " disconnected");
    }

    /** A change the cluster did not take is told with everything else at the next resync. */
    private static void untilResync(Runnable change, String what) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cluster did not record that " + what + ": " + e.getMessage());
        }
    }

    @Override
    public void resync(List<Cluster.Here> here, Instant at) {
        cluster.resync(here, at);
    }

    @Override
    public Optional<List<RoomSummary>> rooms() {
        return Optional.of(cluster.rooms());
    }

    @Override
    public Optional<List<Identity>> users(String room) {
        return Optional.of(cluster.users(room));
    }

    private void refused(Member sender, String what, Throwable failure) {
        LOG.log(Level.WARNING, () -> "cluster did not take " + what + ": " + failure.getMessage());
        if (sender != null) {
            tell(sender, UNAVAILABLE);
        }
    }

    /** From the cluster's thread: through the inbox, so that the loop alone touches the member. */
    private void tell(Member member, Rejection rejection) {
        inbox.offer(new Command.Tell(member, WireFormat.encode(rejection)));
    }

    private static Announcement announcement(Cluster.Change change) {
        return switch (change) {
            case NONE, ANNOUNCED -> Announcement.NONE;
            case TO_SUMMARISE -> Announcement.IN_SUMMARY;
        };
    }
}
