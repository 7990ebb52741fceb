package dev.chat.hub;

import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat.Reading;
import java.util.List;
import java.util.Optional;

/**
 * What a connection entering a room is sent besides who is there: the history it asked for, and how far its user has
 * read. Worked out from the room as it stood when the connection entered, so that it may be worked out off the loop.
 */
record Welcome(CatchUp catchUp, Reading reading) {

    /** The room as it stood when the connection entered it, and what the connection brought: all a welcome needs. */
    record Arrival(String room, long lastId, Optional<List<EncodedMessage>> recent, Long since, String userId,
            long lastRead) {}

    static Welcome of(Arrival arrival, MessageStore store, RoomLimits limits) {
        return new Welcome(CatchUp.of(arrival.room(), arrival.lastId(), arrival.recent(), arrival.since(), store, limits),
                reading(arrival, store));
    }

    /** The store is not asked when the user has read up to the room's last message, the common case on entering. */
    private static Reading reading(Arrival arrival, MessageStore store) {
        int unread = arrival.lastRead() >= arrival.lastId() ? 0
                : store.unread(arrival.room(), arrival.userId(), arrival.lastRead(), MessageStore.UNREAD_CAP);
        return new Reading(arrival.lastRead(), unread, arrival.lastId());
    }
}
