package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.protocol.WireFormat;

/**
 * Who is typing, told to a room's other members here and handed to the other nodes: at most once a second per user
 * and room (each room's {@link TypingGate}), the rest dropped without a word, since typing is only a hint. Nothing is
 * numbered or kept.
 */
final class TypingSignals {

    private final FanOut fanOut;
    private final Sharing sharing;

    TypingSignals(FanOut fanOut, Sharing sharing) {
        this.fanOut = fanOut;
        this.sharing = sharing;
    }

    /** A member of the room here is typing. */
    void typed(Room room, Identity who) {
        if (room.typing.due(who.userId(), System.nanoTime())) {
            arrived(room, who);
            sharing.typing(room, who);
        }
    }

    /** To every member of the room here but the typist's own connections. */
    void arrived(Room room, Identity who) {
        var typing = WireFormat.typing(room.name, who);
        room.forEachOtherThan(who.userId(), member -> fanOut.to(member, typing));
    }
}
