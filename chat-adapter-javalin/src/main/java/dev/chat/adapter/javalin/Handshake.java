package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.Rooms;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.UUID;

/**
 * Runs before a WebSocket upgrade: refuses a foreign origin (403), or a bad username, room or resume point (400),
 * and otherwise leaves the client's identity and first room on the request for {@link ChatSocket} to pick up.
 */
final class Handshake implements Handler {

    static final String IDENTITY = "chat.identity";
    static final String FIRST_ROOM = "chat.first-room";
    static final String SLOT = "chat.slot";

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
        ctx.attribute(IDENTITY, orRefuse(
                Identity.check(ctx.queryParam("userId"), ctx.queryParam("username"), Handshake::newUserId)));
        var room = ctx.queryParam("room") == null ? Rooms.GLOBAL : orRefuse(Rooms.check(ctx.queryParam("room")));
        ctx.attribute(FIRST_ROOM, new Request.Subscribe(room, orRefuse(Rooms.checkSince(ctx.queryParam("since")))));
        ctx.attribute(SLOT, new SocketSlot<>());
    }

    private static <T> T orRefuse(Checked<T> checked) {
        return switch (checked) {
            case Checked.Accepted<T>(var value) -> value;
            case Checked.Rejected<T>(var rejection) -> throw new HandshakeRefused(400, rejection);
        };
    }

    private static String newUserId() {
        return UUID.randomUUID().toString();
    }
}
