package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.Checked;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.Text;
import dev.chat.domain.port.needed.Events;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rules of the chat, one command at a time: who is connected, what each command does, and who is closed for
 * falling behind. It owns all of the hub's state and is touched by the loop's thread only, so it needs no lock.
 */
final class Chat {

    private static final System.Logger LOG = System.getLogger(Chat.class.getName());

    private final Members members = new Members();
    private final HubCounters counters;
    private final FanOut fanOut;
    private final Rooms rooms;
    private final Repeats repeats;
    private final DirectMessages directMessages;
    private final Sharing sharing;
    private final Reporting reporting;
    private final MessageClock clock;
    private final UserBudgets userBudgets;
    private final Telemetry telemetry;
    private final Activity activity = new Activity();
    private final Instant started;
    private final Moderation moderation;
    private final Events events;

    Chat(Clock clock, Presence presence, RoomLimits limits, MessageStore store, Sharing sharing,
            HubCounters counters, UserBudgets userBudgets, HubSettings settings, Moderation moderation) {
        this.moderation = moderation;
        this.counters = counters;
        this.userBudgets = userBudgets;
        this.telemetry = settings.telemetry();
        this.clock = new MessageClock(clock);
        this.fanOut = new FanOut(counters);
        this.sharing = sharing;
        var reads = new ReadSignals(settings.readMarks(), settings.readReceipts(), members, fanOut, sharing);
        this.repeats = new Repeats(new Nonces(settings.nonceWindow(), Nonces.DEFAULT_CAPACITY), store, fanOut,
                this.clock);
        this.rooms = new Rooms(store, sharing, limits, presence, fanOut, counters, this.clock, settings.amendments(),
                reads, repeats, settings.events());
        this.events = settings.events();
        this.directMessages = new DirectMessages(members, sharing, fanOut, counters, this.clock);
        this.started = this.clock.now();
        this.reporting = new Reporting(sharing.reportEvery());
    }

    /** Carries out one command; then closes every member that could not take a message it was due. */
    void handle(Command command) {
        try {
            dispatch(command);
        } finally {
            closeTooSlow();
        }
    }

    /** Whether the command enters a connection in a room, and is best begun with others ({@link #handleEntries}). */
    boolean entersAhead(Command command) {
        return sharing.questionsAfar().isPresent() && switch (command) {
            case Command.Connect connect -> true;
            case Command.Post(var from, Request.Subscribe subscribe, var accepted) -> true;
            default -> false;
        };
    }

    /**
     * Carries out commands that each enter a connection in a room ({@link #entersAhead}), where the answers to what a
     * connection entering is to be told are a round trip away: each entry is begun in turn, its questions asked
     * without waiting, then each is completed in turn as its answers come in. A batch of entries costs about one
     * round trip rather than one each, and nothing comes between: no other command runs until the batch is done, and
     * completing an entry sends nothing to the room here, where the cluster announces joins.
     */
    void handleEntries(List<Command> entries) {
        try {
            var begun = new ArrayList<Runnable>(entries.size());
            for (var entry : entries) {
                Isolated.run(LOG, entry, () -> begun.add(begin(entry)));
            }
            for (var step : begun) {
                Isolated.run(LOG, "an entry", step);
            }
        } finally {
            closeTooSlow();
        }
    }

    private Runnable begin(Command entry) {
        return switch (entry) {
            case Command.Connect(var member, var firstRoom) -> admitting(member, firstRoom);
            case Command.Post(var from, Request.Subscribe subscribe, var accepted) ->
                    members.contains(from) ? rooms.begin(from, subscribe) : Rooms.NOTHING_LEFT;
            default -> throw new IllegalArgumentException(entry + " enters no room");
        };
    }

    /** When the chat next has something to do unasked, as a {@link System#nanoTime()}; empty if nothing. */
    OptionalLong nextDue() {
        return earliest(rooms.summariesDue(), reporting.due());
    }

    private static OptionalLong earliest(OptionalLong one, OptionalLong other) {
        if (one.isEmpty() || other.isEmpty()) {
            return one.isPresent() ? one : other;
        }
        return one.getAsLong() - other.getAsLong() < 0 ? one : other;
    }

    /** Does what {@link #nextDue()} named, and whatever else is due by now. */
    void runDue() {
        long now = System.nanoTime();
        try {
            var summaries = rooms.summariesDue();
            if (summaries.isPresent() && now - summaries.getAsLong() >= 0) {
                rooms.announceSummaries();
            }
            if (reporting.takeIfDue(now)) {
                sharing.report(counters.snapshot(), analytics());
            }
        } finally {
            closeTooSlow();
        }
    }

    /** Writes what is queued and closes every connection with this reason; for a loop that is stopping. */
    void finishAll(CloseReason reason) {
        members.forEach(member -> member.outbox.finish(reason));
    }

    /** The members left when the loop ended. */
    List<Member> remaining() {
        return members.snapshot();
    }

    private void dispatch(Command command) {
        switch (command) {
            case Command.Connect(var member, var firstRoom) -> admit(member, firstRoom);
            case Command.Disconnect(var member) -> dismiss(member);
            case Command.Broken(var member) -> closeBroken(member);
            case Command.Kick(var member, var reason) -> kick(member, reason);
            case Command.Post(var from, var request, var accepted) -> carryOut(from, request, accepted);
            case Command.Reply(var to, var rejection) -> reply(to, rejection);
            case Command.Announce(var content) -> announce(content);
            case Command.Tell(var to, var message) -> tell(to, message);
            case Command.Renew(var member, var access, var expires) -> renew(member, access, expires);
            case Command.ListRooms(var answer) -> answer.complete(rooms.list());
            case Command.ListUsers(var room, var answer) -> answer.complete(rooms.usersIn(room));
            case Command.Analyze(var answer) -> answer.complete(analytics());
            case Command.Shutdown(var reason) -> finishAll(reason);
            case Command.Arrived(var message, var fromHere, var nonce) -> rooms.arrived(message, fromHere, nonce);
            case Command.Repeat(var to, var room, var id, var nonce) -> {
                if (members.contains(to)) {
                    repeats.sendAgain(to, room, id, nonce);
                }
            }
            case Command.RepeatAnswer(var room, var id, var answer) -> repeats.answerAgain(room, id, answer);
            case Command.ArrivedDirect(var message, var fromHere) -> directMessages.arrived(message, fromHere);
            case Command.ArrivedTyping(var room, var who) -> rooms.typingArrived(room, who);
            case Command.ArrivedRead(var room, var userId, var id) -> rooms.readArrived(room, userId, id);
            case Command.Publish(var room, var author, var content, var nonce, var answer) ->
                    rooms.post(room, author, content, nonce, answer);
            case Command.Remove(var room, var target, var answer) -> rooms.remove(room, target, answer);
            case Command.SendDirect(var to, var from, var content, var answer) ->
                    directMessages.send(to, from, content, answer);
            case Command.SendAway(var userId, var why, var reason) -> sendAway(userId, why, reason);
            case Command.Sanctioned(var change, var applied) -> {
                sanctioned(change);
                applied.complete(Checked.accepted(change));
            }
            case Command.SanctionsReloaded(var all) -> moderation.replaceAll(all);
            case Command.Resync() -> sharing.resync(rooms.here(members.users()), clock.now());
        }
    }

    private void admit(Member member, Checked<Request> firstRoom) {
        admitting(member, firstRoom).run();
    }

    /** Admits the member and begins its entry into its first room; returns what is left to do once that is answered. */
    private Runnable admitting(Member member, Checked<Request> firstRoom) {
        var ban = moderation.holding(member.identity().userId(), Sanction.Kind.BAN);
        if (ban.isPresent()) {
            // Banned while its upgrade was on the way: told why, and never a member.
            member.outbox.start();
            fanOut.reject(member, ban.get().rejection());
            member.outbox.finish(CloseReason.BANNED);
            userBudgets.release(member.identity().userId());
            return Rooms.NOTHING_LEFT;
        }
        members.add(member);
        if (members.connectionsOf(member.identity().userId()).size() == 1) {
            sharing.connected(member.identity());
        }
        counters.clients(members.size(), members.userCount());
        member.outbox.start();
        activity.connections(members.size());
        events.happened(new ChatEvent.Connected(member.identity(), clock.now()));
        Runnable entering = switch (firstRoom) {
            case Checked.Accepted<Request>(Request.Subscribe subscribe) -> rooms.begin(member, subscribe);
            case Checked.Accepted<Request>(var other) -> throw new IllegalStateException(other + " is no room");
            case Checked.Rejected<Request>(var rejection) -> {
                fanOut.reject(member, rejection);
                yield Rooms.NOTHING_LEFT;
            }
        };
        return () -> {
            entering.run();
            activity.arrived(member.identity(), clock.now());
        };
    }

    private void dismiss(Member member) {
        if (members.contains(member)) {
            member.outbox.discard();
            forget(member);
        }
    }

    /** Everything the chat knows of the member goes; its outbox is its caller's to finish or discard. */
    private void forget(Member member) {
        if (!members.remove(member)) {
            return;
        }
        counters.clients(members.size(), members.userCount());
        if (members.connectionsOf(member.identity().userId()).isEmpty()) {
            activity.gone(member.identity().userId());
            sharing.disconnected(member.identity());
        }
        rooms.leaveAll(member);
        userBudgets.release(member.identity().userId());
        events.happened(new ChatEvent.Disconnected(member.identity(), clock.now()));
    }

    private void sanctioned(SanctionChange change) {
        moderation.apply(change);
        if (change instanceof SanctionChange.Imposed(var sanction) && sanction.kind() == Sanction.Kind.BAN
                && sanction.holdsAt(clock.now())) {
            sendAway(sanction.userId(), sanction.rejection(), CloseReason.BANNED);
        }
    }

    /** Each connection of the user here is told why, then closed once what it was sent before is written. */
    private void sendAway(String userId, Rejection why, CloseReason reason) {
        for (var member : List.copyOf(members.connectionsOf(userId))) {
            LOG.log(Level.INFO, () -> member + " is closed with " + reason.code() + ": " + Text.loggable(why.message()));
            fanOut.reject(member, why);
            member.outbox.finish(reason);
            forget(member);
        }
    }

    /** Its writer has given up on the connection and closed it. */
    private void closeBroken(Member member) {
        if (members.contains(member)) {
            counters.closedSendFailed();
            dismiss(member);
        }
    }

    private void kick(Member member, CloseReason reason) {
        if (members.contains(member)) {
            LOG.log(Level.INFO, () -> member + " is closed with " + reason.code() + ": " + reason.description());
            member.outbox.abort(reason);
            dismiss(member);
        }
    }

    /**
     * So that none of them misses a message without being told. Closing one sends its rooms a leave, which another
     * slow member may refuse in turn: those are closed in the same pass, and a member already closed is not again.
     */
    private void closeTooSlow() {
        for (var slow = fanOut.takeTooSlow(); !slow.isEmpty(); slow = fanOut.takeTooSlow()) {
            for (var member : slow) {
                if (members.contains(member)) {
                    counters.closedTooSlow();
                    LOG.log(Level.INFO, () -> member + " fell too far behind; closing it with "
                            + CloseReason.TOO_SLOW.code());
                    member.outbox.abort(CloseReason.TOO_SLOW);
                    dismiss(member);
                }
            }
        }
    }

    private void carryOut(Member from, Request request, long acceptedNanos) {
        if (!members.contains(from) || silenced(from, request)) {
            return;
        }
        Instant posted = switch (request) {
            case Request.Chat chat -> rooms.chat(from, chat);
            case Request.Direct(var to, var content) -> directMessages.send(from, to, content);
            case Request.Subscribe subscribe -> {
                rooms.enter(from, subscribe);
                yield null;
            }
            case Request.Unsubscribe(var room) -> {
                rooms.unsubscribe(from, room);
                yield null;
            }
            case Request.Typing(var room) -> {
                rooms.typing(from, room);
                yield null;
            }
            case Request.Read(var room, var id) -> {
                rooms.read(from, room, id);
                yield null;
            }
            case Request.Amend amend -> rooms.amend(from, amend);
        };
        if (posted != null) {
            telemetry.delivered(System.nanoTime() - acceptedNanos);
            activity.posted(posted);
        }
    }

    /**
     * A muted user's posts are refused, each with an answer; its typing goes nowhere, and what only concerns itself
     * (rooms, read marks, deleting its own chats) it still does.
     */
    private boolean silenced(Member from, Request request) {
        boolean posts = switch (request) {
            case Request.Chat chat -> true;
            case Request.Direct direct -> true;
            case Request.Edit edit -> true;
            case Request.React react -> true;
            case Request.Typing typing -> true;
            case Request.Delete delete -> false;
            case Request.Subscribe subscribe -> false;
            case Request.Unsubscribe unsubscribe -> false;
            case Request.Read read -> false;
        };
        if (!posts) {
            return false;
        }
        var mute = moderation.holding(from.identity().userId(), Sanction.Kind.MUTE);
        if (mute.isPresent() && !(request instanceof Request.Typing)) {
            fanOut.reject(from, mute.get().rejection());
        }
        return mute.isPresent();
    }

    private Analytics analytics() {
        var now = clock.now();
        long posted = counters.count(MessageType.CHAT) + counters.count(MessageType.DIRECT);
        return new Analytics(posted, members.size(), members.userCount(), activity.peakConnections(),
                activity.perMinute(now), telemetry.deliveryLatency(),
                activity.firstUsers(Analytics.USER_DETAILS_LIMIT), started,
                Duration.between(started, now).toSeconds());
    }

    /** A refusal checked outside the loop, for a member that may have left while it waited in the inbox. */
    private void reply(Member to, Rejection rejection) {
        if (members.contains(to)) {
            fanOut.reject(to, rejection);
        }
    }

    private void tell(Member to, EncodedMessage message) {
        if (members.contains(to)) {
            fanOut.to(to, message);
        }
    }

    private void renew(Member member, RoomAccess access, Instant expires) {
        if (members.contains(member)) {
            member.access = access;
            rooms.leaveForbidden(member);
            fanOut.to(member, WireFormat.refreshed(expires));
        }
    }

    /** A server-wide announcement: every connection gets it once, whatever rooms it is in. */
    private void announce(String content) {
        var encoded = WireFormat.encode(Message.system(content, clock.now()));
        counters.message(MessageType.SYSTEM);
        counters.delivered(members.size());
        members.forEach(member -> fanOut.to(member, encoded));
    }
}
