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
    private final FanOut fanOut;
    private final HubCounters counters;
    private final MessageClock clock;

    DirectMessages(Members members, FanOut fanOut, HubCounters counters, MessageClock clock) {
        this.members = members;
        this.fanOut = fanOut;
        this.counters = counters;
        this.clock = clock;
    }

    /** False if the recipient is not connected. */
    Instant send(Member from, String to, String content) {
        var recipients = members.connectionsOf(to);
        if (recipients.isEmpty()) {
            fanOut.reject(from, ErrorCode.USER_OFFLINE, "user '" + to + "' is not connected");
            return null;
        }
        var direct = Message.direct(from.identity(), content, clock.now());
        var encoded = WireFormat.encode(new DirectMessage(to, direct));
        var copies = to.equals(from.identity().userId()) ? List.<Member>of()
                : members.connectionsOf(from.identity().userId());
        counters.message(MessageType.DIRECT, recipients.size() + copies.size());
        recipients.forEach(member -> fanOut.to(member, encoded));
        copies.forEach(member -> fanOut.to(member, encoded));
        return direct.timestamp();
    }
}
