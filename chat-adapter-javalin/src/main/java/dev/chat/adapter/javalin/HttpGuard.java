package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.protocol.WireFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

/**
 * Where identities are verified, so are the HTTP routes: the rooms for anyone with a valid token (each route then
 * shows only the rooms the token may use), the server's counters for operators only. A refusal is 401 or 403 with
 * the same JSON error as a refused upgrade.
 */
final class HttpGuard {

    private static final String ACCESS = "chat.roomAccess";
    private static final String CALLER = "chat.caller";

    private final Credentials credentials;

    HttpGuard(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The rooms the request may see: those its token permits where there is a guard, every room otherwise. */
    static RoomAccess access(Context ctx) {
        RoomAccess access = ctx.attribute(ACCESS);
        return access == null ? RoomAccess.EVERY_ROOM : access;
    }

    void anyUser(Context ctx) {
        var who = verified(ctx);
        if (who != null) {
            ctx.attribute(ACCESS, who.access());
            ctx.attribute(CALLER, who);
        }
    }

    /** Anyone where identities are not verified, since anyone may claim any userId; else that user or an operator. */
    static boolean mayReadMessagesOf(Context ctx, String userId) {
        Credential caller = ctx.attribute(CALLER);
        return caller == null || caller.operator() || caller.identity().userId().equals(userId);
    }

    void operator(Context ctx) {
        var who = verified(ctx);
        if (who != null && !who.operator()) {
            refuse(ctx, 403, new Rejection(ErrorCode.OPERATOR_REQUIRED, "this route is for operators only"));
        }
    }

    /** The caller, or null once it has been refused. */
    private Credential verified(Context ctx) {
        var token = BearerToken.of(ctx.header("Authorization"), ctx.queryParam("token"));
        return switch (credentials.verify(token)) {
            case Checked.Accepted<Credential>(var who) -> who;
            case Checked.Rejected<Credential>(var rejection) -> {
                refuse(ctx, 401, rejection);
                yield null;
            }
        };
    }

    static void refuse(Context ctx, int status, Rejection rejection) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(WireFormat.encode(rejection).text());
        ctx.skipRemainingHandlers();
    }
}
