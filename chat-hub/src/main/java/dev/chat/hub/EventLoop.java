package dev.chat.hub;

import dev.chat.domain.EncodedMessage;
import dev.chat.domain.Message;
import dev.chat.domain.Request;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The hub's single thread of control. It alone touches the roster, so nothing in it needs a lock; every other
 * thread talks to it through the {@link Inbox}. It never waits on anything but the inbox: delivering is handing
 * the encoded message to each member's {@link Outbox}.
 */
final class EventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final Inbox inbox;
    private final Clock clock;
    private final Presence presence;
    private final Roster roster = new Roster();
    private int unannouncedJoins;
    private int unannouncedLeaves;
    private long summaryDueNanos;

    // Written by the loop only; volatile so that any thread may read them.
    private volatile int clients;
    private volatile long messages;
    private volatile long dropped;

    EventLoop(Inbox inbox, Clock clock, Presence presence) {
        this.inbox = inbox;
        this.clock = clock;
        this.presence = presence;
    }

    @Override
    public void run() {
        try {
            var running = true;
            while (running) {
                running = handle(next());
                if (running && summaryIsDue()) {
                    announcePresenceSummary();
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

    long messages() {
        return messages;
    }

    long dropped() {
        return dropped;
    }

    /** The members left when the loop ended. Read only after the loop thread has ended. */
    List<Member> remaining() {
        return roster.snapshot();
    }

    /** The next command; while a presence summary is pending, nothing after it is due. */
    private Command next() throws InterruptedException {
        return hasUnannouncedChanges() ? inbox.poll(summaryDueNanos - System.nanoTime()) : inbox.take();
    }

    /** Carries out one command; false once the loop should stop. */
    private boolean handle(Command command) {
        if (command != null) {
            safely(command, () -> dispatch(command));
        }
        return !(command instanceof Command.Shutdown);
    }

    private void dispatch(Command command) {
        switch (command) {
            case Command.Connect(var member) -> admit(member);
            case Command.Disconnect(var member) -> dismiss(member);
            case Command.Post(var from, var request) -> carryOut(from, request);
            case Command.Reply(var to, var rejection) -> deliver(to, WireFormat.encode(rejection));
            case Command.Announce(var content) -> broadcast(Message.system(content, now()));
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

    private void admit(Member member) {
        roster.add(member);
        clients = roster.size();
        member.outbox.start();
        var joined = Message.joined(member.identity(), now());
        if (presence.announcesEachChange(roster.size())) {
            broadcast(joined);
        } else {
            deliver(member, WireFormat.encode(joined));
            noteChange();
            unannouncedJoins++;
        }
    }

    private void dismiss(Member member) {
        if (!roster.contains(member)) {
            return;
        }
        boolean announceOnItsOwn = presence.announcesEachChange(roster.size());
        roster.remove(member);
        clients = roster.size();
        member.outbox.discard();
        if (announceOnItsOwn) {
            broadcast(Message.left(member.identity(), now()));
        } else {
            noteChange();
            unannouncedLeaves++;
        }
    }

    private void noteChange() {
        if (!hasUnannouncedChanges()) {
            summaryDueNanos = System.nanoTime() + presence.interval().toNanos();
        }
    }

    private boolean hasUnannouncedChanges() {
        return unannouncedJoins + unannouncedLeaves > 0;
    }

    private boolean summaryIsDue() {
        return hasUnannouncedChanges() && System.nanoTime() - summaryDueNanos >= 0;
    }

    private void announcePresenceSummary() {
        var summary = Presence.summary(unannouncedJoins, unannouncedLeaves);
        unannouncedJoins = 0;
        unannouncedLeaves = 0;
        safely("the presence summary", () -> broadcast(Message.system(summary, now())));
    }

    private void carryOut(Member from, Request request) {
        if (!roster.contains(from)) {
            return;
        }
        switch (request) {
            case Request.Chat(var content) -> broadcast(Message.chat(from.identity(), content, now()));
        }
    }

    private void broadcast(Message message) {
        var encoded = WireFormat.encode(message);
        roster.forEach(member -> deliver(member, encoded));
        messages++;
    }

    private void deliver(Member member, EncodedMessage message) {
        if (roster.contains(member) && !member.outbox.offer(message)) {
            dropped++;
        }
    }

    private void finishAll() {
        roster.forEach(member -> member.outbox.finish());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
