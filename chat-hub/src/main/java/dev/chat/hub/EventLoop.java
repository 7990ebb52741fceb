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
    private final Roster roster = new Roster();

    // Written by the loop only; volatile so that any thread may read them.
    private volatile int clients;
    private volatile long messages;
    private volatile long dropped;

    EventLoop(Inbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            var running = true;
            while (running) {
                running = handle(inbox.take());
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

    private boolean handle(Command command) {
        try {
            switch (command) {
                case Command.Connect(var member) -> admit(member);
                case Command.Disconnect(var member) -> dismiss(member);
                case Command.Post(var from, var request) -> carryOut(from, request);
                case Command.Reply(var to, var rejection) -> deliver(to, WireFormat.encode(rejection));
                case Command.Announce(var content) -> broadcast(Message.system(content, now()));
                case Command.Shutdown() -> {
                    finishAll();
                    return false;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "hub could not handle " + command + "; carrying on", e);
        }
        return true;
    }

    private void admit(Member member) {
        roster.add(member);
        clients = roster.size();
        member.outbox.start();
        broadcast(Message.joined(member.identity(), now()));
    }

    private void dismiss(Member member) {
        if (!roster.contains(member)) {
            return;
        }
        roster.remove(member);
        clients = roster.size();
        member.outbox.discard();
        broadcast(Message.left(member.identity(), now()));
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
