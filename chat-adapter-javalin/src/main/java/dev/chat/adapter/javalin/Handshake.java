package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.UUID;

/**
 * Runs before a WebSocket upgrade: refuses a foreign origin (403) or a bad username (400), and otherwise leaves
 * the client's identity on the request for {@link ChatSocket} to pick up.
 */
final class Handshake implements Handler {

    static final String IDENTITY = "chat.identity";

    private final ServerSettings settings;

    Handshake(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handle(Context ctx) {
        var origin = ctx.header("Origin");
        if (!settings.allowsOrigin(origin)) {
            throw new HandshakeRefused(403,
                    new Rejection(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed"));
        }
        switch (Identity.check(ctx.queryParam("userId"), ctx.queryParam("username"), Handshake::newUserId)) {
            case Checked.Accepted(var identity) -> ctx.attribute(IDENTITY, identity);
            case Checked.Rejected(var rejection) -> throw new HandshakeRefused(400, rejection);
        }
    }

    private static String newUserId() {
        return UUID.randomUUID().toString();
    }
}
