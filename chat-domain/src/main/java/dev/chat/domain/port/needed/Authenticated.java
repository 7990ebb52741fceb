package dev.chat.domain.port.needed;

import static java.util.Objects.requireNonNull;

import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import java.time.Instant;

/**
 * Who a verified credential says the connection is, and until when it may say so.
 *
 * @param expires  when the credential runs out
 * @param operator whether it may also see what is about every room and the whole server ({@code /stats})
 * @param rooms    the private rooms it grants
 */
public record Authenticated(Identity identity, Instant expires, boolean operator, RoomPatterns rooms) {

    public Authenticated {
        requireNonNull(identity, "identity");
        requireNonNull(expires, "expires");
        requireNonNull(rooms, "rooms");
    }

    /** An operator may use every room, private ones included. */
    public RoomPatterns grantedRooms() {
        return operator ? RoomPatterns.EVERY_ROOM : rooms;
    }
}
