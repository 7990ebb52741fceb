package dev.chat.hub;

import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a connection entering a room is sent from its history: nothing newer than the room's last message here,
 * which in a cluster the store may already hold while the message is still on its way to this node, where it
 * arrives live.
 *
 * @param recovered for a resume, whether every message since the client's last one was still there; null otherwise
 */
record CatchUp(List<EncodedMessage> messages, Boolean recovered) {

    /**
     * From the room as it stood when the connection entered it: its name, its last id and its recent messages, if
     * complete. Reads nothing of the room itself, so it may be worked out off the loop.
     */
    static CatchUp of(String room, long last, Optional<List<EncodedMessage>> recent, Long since, MessageStore store,
            RoomLimits limits) {
        if (since == null) {
            return new CatchUp(latest(room, last, recent, store, limits), null);
        }
        if (since == last) {
            return new CatchUp(List.of(), true);
        }
        if (since > last) {
            // An id this room never reached: the server's memory is younger than the client's.
            return new CatchUp(latest(room, last, recent, store, limits), false);
        }
        var missed = store.after(room, since, limits.maxCatchUp()).stream()
                .filter(message -> message.id() <= last)
                .toList();
        boolean complete = isWhole(missed, since, last);
        if (!complete && missed.size() == limits.maxCatchUp()) {
            // More was missed than a resume replays: what is sent must still run on into the live messages, so the
            // client gets the room's latest, as a newcomer does, and pages back through the rest over HTTP.
            return new CatchUp(latest(room, last, recent, store, limits), false);
        }
        return new CatchUp(encoded(missed), complete);
    }

    /**
     * Whether the messages are every id from just after {@code since} to {@code last}, with no hole. Ids of a room
     * go up one at a time, so a hole means messages that are gone: trimmed by retention, or numbered by a process
     * that crashed before it kept them, which the restart skips past (some client may have seen them). A resume over
     * a hole is not recovered, however often it is asked.
     */
    private static boolean isWhole(List<RoomMessage> missed, long since, long last) {
        return !missed.isEmpty() && missed.getFirst().id() == since + 1 && missed.getLast().id() == last
                && missed.size() == last - since;
    }

    /** From the room's own recent messages when it has them all, which is the common case; else from the store. */
    private static List<EncodedMessage> latest(String room, long last, Optional<List<EncodedMessage>> recent,
            MessageStore store, RoomLimits limits) {
        return recent.orElseGet(() -> encoded(store.before(room, last + 1, limits.historyOnJoin())));
    }

    private static List<EncodedMessage> encoded(List<RoomMessage> messages) {
        return messages.stream().map(WireFormat::encode).toList();
    }
}
