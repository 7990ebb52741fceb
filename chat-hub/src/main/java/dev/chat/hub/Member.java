package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.Client;
import dev.chat.domain.ClientMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import java.util.ArrayList;
import java.util.List;

/** One connection inside the hub: who it is, and the outbox its messages wait in. */
final class Member implements Client {

    private final Identity identity;
    private final Inbox inbox;
    final Outbox outbox;

    /** The rooms this member is in. Touched by the event loop only. */
    final List<Room> rooms = new ArrayList<>();

    Member(Identity identity, Inbox inbox, Outbox.Factory outboxes) {
        this.identity = identity;
        this.inbox = inbox;
        this.outbox = outboxes.create(() -> inbox.offer(new Command.Broken(this)));
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void post(ClientMessage message) {
        switch (message.check()) {
            case Checked.Accepted(var request) -> inbox.put(new Command.Post(this, request));
            case Checked.Rejected(var rejection) -> reject(rejection);
        }
    }

    @Override
    public void reject(Rejection rejection) {
        inbox.put(new Command.Reply(this, rejection));
    }

    @Override
    public void disconnect() {
        inbox.offer(new Command.Disconnect(this));
    }

    @Override
    public String toString() {
        return "Member[" + identity.userId() + "]";
    }
}
