package dev.chat.hub;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Message;
import dev.chat.domain.MessageType;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.List;

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
            fanOut.reject(from, ErrorCode.USER_OFFLINE, "user '" + to + "' is not connected");
            return null;
        }
        deliver(direct);
        return direct.message().timestamp();
    }

    /** To the connections here of its recipient and of its sender; from this node or from the cluster. */
    void deliver(DirectMessage direct) {
        var recipients = members.connectionsOf(direct.to());
        var sender = direct.message().userId();
        var copies = direct.to().equals(sender) ? List.<Member>of() : members.connectionsOf(sender);
        if (recipients.isEmpty() && copies.isEmpty()) {
            return;
        }
        var encoded = WireFormat.encode(direct);
        counters.message(MessageType.DIRECT, recipients.size() + copies.size());
        recipients.forEach(member -> fanOut.to(member, encoded));
        copies.forEach(member -> fanOut.to(member, encoded));
    }
}
