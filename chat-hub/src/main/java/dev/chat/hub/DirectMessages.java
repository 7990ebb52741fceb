package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A message from one user to another: to every connection of the recipient, and of the sender, once each. */
final class DirectMessages {

    private final Members members;
    private final Sharing sharing;
    private final FanOut fanOut;
    private final HubCounters counters;
    private final MessageClock clock;

    DirectMessages(Members members, Sharing sharing, FanOut fanOut, HubCounters counters, MessageClock clock) {
        this.members = members;
        this.sharing = sharing;
        this.fanOut = fanOut;
        this.counters = counters;
        this.clock = clock;
    }

    /** The time the message was stamped; null if it was refused because the recipient is not connected here. */
    Instant send(Member from, String to, String content) {
        var direct = new DirectMessage(to, Message.direct(from.identity(), content, clock.now()));
        if (sharing.handedOn(direct, from)) {
            return direct.message().timestamp();
        }
        if (members.connectionsOf(to).isEmpty()) {
            fanOut.reject(from, offline(to));
            return null;
        }
        sentHere(direct);
        return direct.message().timestamp();
    }

    /** From the server API: from {@code sender}, or from the server itself (no user fields, as a system message). */
    void send(String to, Optional<Identity> sender, String content, CompletableFuture<Checked<DirectMessage>> answer) {
        var now = clock.now();
        var direct = new DirectMessage(to, sender.map(who -> Message.direct(who, content, now))
                .orElseGet(() -> new Message(MessageType.DIRECT, "", "", content, now)));
        if (sharing.handedOn(direct, answer)) {
            return;
        }
        if (members.connectionsOf(to).isEmpty()) {
            answer.complete(new Checked.Rejected<>(offline(to)));
            return;
        }
        sentHere(direct);
        answer.complete(Checked.accepted(direct));
    }

    static Rejection offline(String userId) {
        return new Rejection(ErrorCode.USER_OFFLINE, "user '" + userId + "' is not connected");
    }

    /** A direct message from the cluster; counted by the node that sent it on. */
    void arrived(DirectMessage direct, boolean fromHere) {
        if (fromHere) {
            sentHere(direct);
        } else {
            deliver(direct);
        }
    }

    private void sentHere(DirectMessage direct) {
        counters.message(MessageType.DIRECT);
        deliver(direct);
    }

    /** To the connections here of its recipient and of its sender. */
    private void deliver(DirectMessage direct) {
        var recipients = members.connectionsOf(direct.to());
        var sender = direct.message().userId();
        var copies = direct.to().equals(sender) ? List.<Member>of() : members.connectionsOf(sender);
        if (recipients.isEmpty() && copies.isEmpty()) {
            return;
        }
        var encoded = WireFormat.encode(direct);
        counters.delivered(recipients.size() + copies.size());
        recipients.forEach(member -> fanOut.to(member, encoded));
        copies.forEach(member -> fanOut.to(member, encoded));
    }
}
