package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.port.needed.Authenticated;
import dev.chat.domain.port.needed.Authenticator;
import dev.chat.domain.protocol.WireFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

/**
 * Where identities are verified, so are the HTTP routes: the rooms for anyone with a valid token, the server's
 * counters for operators only. A refusal is 401 or 403 with the same JSON error as a refused upgrade.
 */
final class HttpGuard {

    private final Authenticator authenticator;

    HttpGuard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void anyUser(Context ctx) {
        authenticated(ctx);
    }

    void operator(Context ctx) {
        var who = authenticated(ctx);
        if (who != null && !who.operator()) {
            refuse(ctx, 403, new Rejection(ErrorCode.OPERATOR_REQUIRED, "this route is for operators only"));
        }
    }

    /** The caller, or null once it has been refused. */
    private Authenticated authenticated(Context ctx) {
        var token = BearerToken.of(ctx.header("Authorization"), ctx.queryParam("token"));
        return switch (authenticator.authenticate(token)) {
            case Checked.Accepted<Authenticated>(var who) -> who;
            case Checked.Rejected<Authenticated>(var rejection) -> {
                refuse(ctx, 401, rejection);
                yield null;
            }
        };
    }

    private static void refuse(Context ctx, int status, Rejection rejection) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(WireFormat.encode(rejection).text());
        ctx.skipRemainingHandlers();
    }
}
