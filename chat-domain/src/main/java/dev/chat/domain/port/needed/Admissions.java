package dev.chat.domain.port.needed;

import dev.chat.domain.Checked;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port a transport needs to let the product's backend decide who connects, before a connection opens: it may
 * refuse, or accept and say who the client is (so that an app can log users in with its own sessions, and no token),
 * which private rooms it may use and until when.
 *
 * <p>Threading: called from the transport's threads, one call per connection attempt; it may wait, which delays
 * only that attempt.
 */
public interface Admissions {

    /** Lets everyone in as they claim to be, as a server with no connect hook does. */
    Admissions EVERYONE = attempt -> Checked.accepted(Admitted.AS_CLAIMED);

    /**
     * What the backend is told of a connection about to open.
     *
     * @param claimed who the client says it is (verified, where tokens are); empty if it says nothing
     * @param headers the request's headers the backend asked for, such as {@code Cookie}, by their names
     */
    record Attempt(Optional<Identity> claimed, String room, String address, Map<String, String> headers) {

        public Attempt {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The backend's yes.
     *
     * @param identity who the client is; empty to let it be who it claimed
     * @param rooms    the private rooms (names or patterns) it may use, besides the public ones
     * @param expires  when its connection ends, unless renewed; empty for never
     */
    record Admitted(Optional<Identity> identity, List<String> rooms, Optional<Instant> expires) {

        public static final Admitted AS_CLAIMED = new Admitted(Optional.empty(), List.of(), Optional.empty());

        public Admitted {
            rooms = List.copyOf(rooms);
        }
    }

    /** Accepted with who and what the connection may be, or rejected with the {@link Rejection} the client is told. */
    Checked<Admitted> decide(Attempt attempt);
}
