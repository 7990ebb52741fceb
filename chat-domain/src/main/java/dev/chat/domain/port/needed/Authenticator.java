package dev.chat.domain.port.needed;

import dev.chat.domain.Checked;

/**
 * The port a transport needs to know who a connection is, from the credential it presents, before the connection
 * reaches the hub. A refusal names why, with one of the {@code TOKEN_...} error codes.
 *
 * <p>Threading: called from any thread, concurrently; implementations keep no per-call state.
 */
@FunctionalInterface
public interface Authenticator {

    /** @param token the credential as presented, or null when there was none */
    Checked<Authenticated> authenticate(String token);
}
