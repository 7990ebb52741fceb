package dev.chat.domain.port.needed;

import static java.util.Objects.requireNonNull;

import dev.chat.domain.Identity;
import java.time.Instant;

/**
 * Who a verified credential says the connection is, and until when it may say so.
 *
 * @param expires  when the credential runs out
 * @param operator whether it may also see what is about every room and the whole server ({@code /stats})
 */
public record Authenticated(Identity identity, Instant expires, boolean operator) {

    public Authenticated {
        requireNonNull(identity, "identity");
        requireNonNull(expires, "expires");
    }
}
