package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.port.needed.Authenticator;
import java.time.Instant;

/**
 * Turns a token into a {@link Credential}, the same way for an upgrade, an HTTP request and a refresh: the
 * authenticator says who it is, the server's private rooms and the token's grants say where it may go.
 */
final class Credentials {

    private final Authenticator authenticator;
    private final ServerSettings settings;

    Credentials(Authenticator authenticator, ServerSettings settings) {
        this.authenticator = authenticator;
        this.settings = settings;
    }

    Checked<Credential> verify(String token) {
        return authenticator.authenticate(token).map(verified -> new Credential(verified.identity(),
                new RoomAccess(settings.privateRooms(), verified.grantedRooms(), verified.operator()), verified.operator(),
                verified.expires(), closeAt(verified.expires())));
    }

    private Instant closeAt(Instant expires) {
        return expires.isAfter(Instant.MAX.minus(settings.tokenGrace())) ? Instant.MAX
                : expires.plus(settings.tokenGrace());
    }
}
