package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.protocol.WireFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who may use which HTTP route. Where identities are verified: the rooms for anyone with a valid token (each route
 * then shows only the rooms the token may use), the server's counters for operators only. The product's backend may
 * use every route with an API key in {@code X-API-Key} instead. The server API, which changes the chat, is for that
 * key or an operator's token only, and refused outright where neither can exist, so a default start exposes no admin
 * power. A refusal is 401 or 403 with the same JSON error as a refused upgrade.
 */
final class HttpGuard {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String ACCESS = "chat.roomAccess";
    private static final String CALLER = "chat.caller";
    private static final String BACKEND = "chat.backend";

    private final Optional<Credentials> credentials;
    private final ApiKeys keys;

    HttpGuard(Optional<Credentials> credentials, ApiKeys keys) {
        this.credentials = credentials;
        this.keys = keys;
    }

    /** The rooms the request may see: those its token permits where there is a guard, every room otherwise. */
    static RoomAccess access(Context ctx) {
        RoomAccess access = ctx.attribute(ACCESS);
        return access == null ? RoomAccess.EVERY_ROOM : access;
    }

    /** Before every {@code /api} route: the caller, by key or by token, where there is anything to verify. */
    void anyUser(Context ctx) {
        if (ctx.header(API_KEY_HEADER) != null) {
            backend(ctx);
            return;
        }
        credentials.ifPresent(verifier -> {
            var who = verified(ctx, verifier);
            if (who != null) {
                ctx.attribute(ACCESS, who.access());
                ctx.attribute(CALLER, who);
            }
        });
    }

    /** Anyone where identities are not verified, since anyone may claim any userId; else that user or an operator. */
    static boolean mayReadMessagesOf(Context ctx, String userId) {
        Credential caller = ctx.attribute(CALLER);
        return caller == null || caller.operator() || caller.identity().userId().equals(userId);
    }

    /** The server's counters: open where identities are not verified, as they always were; else operators only. */
    void operator(Context ctx) {
        if (ctx.header(API_KEY_HEADER) != null) {
            backend(ctx);
            return;
        }
        credentials.ifPresent(verifier -> {
            var who = verified(ctx, verifier);
            if (who != null && !who.operator()) {
                refuse(ctx, 403, new Rejection(ErrorCode.OPERATOR_REQUIRED, "this route is for operators only"));
            }
        });
    }

    /** The server API: the backend's key, or an operator's token; a user's token never. False once refused. */
    boolean serverApi(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(BACKEND))) {
            return true;
        }
        if (ctx.header(API_KEY_HEADER) != null) {
            return backend(ctx);
        }
        if (credentials.isEmpty()) {
            refuse(ctx, keys.configured() ? 401 : 403, new Rejection(ErrorCode.API_KEY_REQUIRED, keys.configured()
                    ? "send the server's API key in " + API_KEY_HEADER
                    : "the server API is off: set API_KEY, or verify identities and send an operator's token"));
            return false;
        }
        Credential caller = ctx.attribute(CALLER);
        var who = caller != null ? caller : verified(ctx, credentials.get());
        if (who == null) {
            return false;
        }
        if (!who.operator()) {
            refuse(ctx, 403, new Rejection(ErrorCode.OPERATOR_REQUIRED, "the server API is for operators only"));
            return false;
        }
        return true;
    }

    private boolean backend(Context ctx) {
        if (keys.accepts(ctx.header(API_KEY_HEADER))) {
            ctx.attribute(BACKEND, true);
            return true;
        }
        refuse(ctx, 401, new Rejection(ErrorCode.API_KEY_INVALID, "that is not an API key this server takes"));
        return false;
    }

    /** The caller, or null once it has been refused. */
    private static Credential verified(Context ctx, Credentials credentials) {
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
