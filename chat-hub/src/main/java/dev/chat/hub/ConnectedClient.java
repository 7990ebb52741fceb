package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;

/**
 * What the transport holds for one connection: each call becomes a command in the loop's inbox, checked first on
 * the caller's thread so that the loop never spends time on input it would refuse.
 */
final class ConnectedClient implements Client {

    private final Member member;
    private final Inbox inbox;

    ConnectedClient(Member member, Inbox inbox) {
        this.member = member;
        this.inbox = inbox;
    }

    @Override
    public Identity identity() {
        return member.identity();
    }

    @Override
    public void post(ClientMessage message) {
        switch (message.check()) {
            case Checked.Accepted(var request) -> inbox.put(new Command.Post(member, request));
            case Checked.Rejected(var rejection) -> reject(rejection);
        }
    }

    @Override
    public void reject(Rejection rejection) {
        inbox.put(new Command.Reply(member, rejection));
    }

    @Override
    public void disconnect() {
        inbox.offer(new Command.Disconnect(member));
    }
}
