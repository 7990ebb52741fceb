package dev.chat.hub;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where every message leaves the loop: handed, already encoded, to each recipient's {@link Outbox}. A member whose
 * outbox refuses is not closed here, in the middle of a room, but kept until the command is done.
 */
final class FanOut {

    private final HubCounters counters;
    private final Set<Member> tooSlow = new LinkedHashSet<>();

    FanOut(HubCounters counters) {
        this.counters = counters;
    }

    /** To a current member: every caller knows it is one, so the broadcast path pays no lookup per recipient. */
    void to(Member member, EncodedMessage message) {
        if (!member.outbox.offer(message)) {
            counters.drop();
            tooSlow.add(member);
        }
    }

    void toRoom(Room room, EncodedMessage message) {
        room.forEach(member -> to(member, message));
    }

    void reject(Member member, ErrorCode code, String message) {
        reject(member, new Rejection(code, message));
    }

    void reject(Member member, Rejection rejection) {
        to(member, WireFormat.encode(rejection));
    }

    /** The members refused a message since the last call. */
    List<Member> takeTooSlow() {
        if (tooSlow.isEmpty()) {
            return List.of();
        }
        var slow = List.copyOf(tooSlow);
        tooSlow.clear();
        return slow;
    }
}
