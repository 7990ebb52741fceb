package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request.Subscribe;
import dev.chat.domain.ResumePoint;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomName;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Admissions;
import dev.chat.domain.protocol.WireFormat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Decides each {@code /ws} upgrade: refuses a foreign origin (403), a missing or bad token where identities are
 * verified (401), a connect hook's refusal (403, or 503 where it could not answer), a banned user (403), a private
 * room the token (or the connect hook) does not grant (403), or a bad username, room or resume point (400),
 * with a JSON error and no WebSocket; otherwise opens a socket for the client's identity and first room.
 *
 * <p>Where identities are verified, the identity is the token's and {@code userId} and {@code username} in the URL
 * are ignored. The token comes in {@code Authorization: Bearer}, or, for browsers, which cannot set headers on a
 * WebSocket, in {@code ?token=}.
 */
final class Handshake implements WebSocketNegotiator {

    private final ServerSettings settings;
    private final Optional<Credentials> credentials;
    private final Seats seats;
    private final HandshakeRate rate;
    private final ClientAddress clientAddress;
    private final Function<String, Optional<Rejection>> barred;
    private final Function<Admission, FrameHandler> openSocket;
    private final BooleanSupplier draining;

    /**
     * @param barred   why a user may not connect, if it is banned
     * @param draining whether the node takes no new clients: then one is sent to another node, with 503
     */
    Handshake(ServerSettings settings, Optional<Credentials> credentials, Seats seats,
            Function<String, Optional<Rejection>> barred, Function<Admission, FrameHandler> openSocket,
            BooleanSupplier draining) {
        this.barred = barred;
        this.settings = settings;
        this.credentials = credentials;
        this.seats = seats;
        this.rate = new HandshakeRate(settings.maxHandshakesPerAddressPerSecond());
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.openSocket = openSocket;
        this.draining = draining;
    }

    /** Decides, and reports how long deciding took: the part of a handshake's latency that is the server's. */
    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        long started = System.nanoTime();
        try {
            return decide(request, response, callback);
        } finally {
            settings.telemetry().handshake(System.nanoTime() - started);
        }
    }

    private FrameHandler decide(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (draining.getAsBoolean()) {
            refuse(new HandshakeRefused(503, new Rejection(ErrorCode.DRAINING,
                    "this node is restarting: connect to another")), response, callback);
            return null;
        }
        var peer = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        var from = clientAddress.of(peer, request.getHeaders().get(HttpHeader.X_FORWARDED_FOR));
        var full = rate.take(from).or(() -> seats.take(from));
        if (full.isPresent()) {
            refuse(full.get(), response, callback);
            return null;
        }
        try {
            var query = Request.extractQueryParameters(request);
            var socket = admit(request.getHeaders().get(HttpHeader.ORIGIN),
                    BearerToken.of(request.getHeaders().get(HttpHeader.AUTHORIZATION), query.getValue("token")), query,
                    from, headers(request));
            // Compression would deflate every message once per recipient and keep a compressor of tens of kilobytes
            // per connection, for chat lines of a few hundred bytes.
            response.setExtensions(List.of());
            return socket;
        } catch (HandshakeRefused refused) {
            seats.release(from);
            refuse(refused, response, callback);
            return null;
        }
    }

    private FrameHandler admit(String origin, String token, Fields query, InetAddress from,
            Map<String, String> headers) {
        if (!settings.allowsOrigin(origin)) {
            throw new HandshakeRefused(403,
                    new Rejection(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed"));
        }
        var credential = credentials.map(verifier -> orRefuse(verifier.verify(token), 401));
        var claimed = credential.map(Credential::identity).or(() -> claimed(query));
        var room = query.getValue("room") == null ? RoomName.GLOBAL : orRefuse(RoomName.check(query.getValue("room")));
        var admitted = settings.admissions().map(hook -> decided(hook.decide(
                new Admissions.Attempt(claimed, room, from.getHostAddress(), headers))));
        var identity = admitted.flatMap(Admissions.Admitted::identity).or(() -> claimed)
                .orElseThrow(() -> new HandshakeRefused(400, new Rejection(ErrorCode.USERNAME_REQUIRED,
                        "username is required: the connect hook named no user, and the client none")));
        barred.apply(identity.userId()).ifPresent(ban -> {
            throw new HandshakeRefused(403, ban);
        });
        var access = credential.map(Credential::access)
                .orElseGet(() -> new RoomAccess(settings.privateRooms(), granted(admitted)));
        if (!access.permits(room)) {
            throw new HandshakeRefused(403, RoomAccess.forbidden(room));
        }
        var firstRoom = new Subscribe(room, orRefuse(ResumePoint.check(query.getValue("since"))));
        seats.takeForUser(identity.userId()).ifPresent(refused -> {
            throw refused;
        });
        var expiring = credential.or(() -> admitted.flatMap(Admissions.Admitted::expires).map(expires ->
                new Credential(identity, access, false, expires, expires.plus(settings.tokenGrace()))));
        return openSocket.apply(new Admission(identity, access, firstRoom, expiring, from));
    }

    /**
     * Who the client says it is. Without a connect hook it must say; with one it may leave that to the hook, which
     * then gets no claim.
     */
    private Optional<Identity> claimed(Fields query) {
        var userId = query.getValue("userId");
        var username = query.getValue("username");
        if (settings.admissions().isPresent() && userId == null && username == null) {
            return Optional.empty();
        }
        return Optional.of(orRefuse(Identity.check(userId, username, Handshake::newUserId)));
    }

    private static Admissions.Admitted decided(Checked<Admissions.Admitted> verdict) {
        return switch (verdict) {
            case Checked.Accepted<Admissions.Admitted>(var admitted) -> admitted;
            case Checked.Rejected<Admissions.Admitted>(var rejection) -> throw new HandshakeRefused(
                    rejection.code() == ErrorCode.HOOK_UNAVAILABLE ? 503 : 403, rejection);
        };
    }

    /** The private rooms the connect hook granted; a pattern it gave that is no pattern grants nothing. */
    private static RoomPatterns granted(Optional<Admissions.Admitted> admitted) {
        return admitted.map(yes -> RoomPatterns.check(yes.rooms()) instanceof Checked.Accepted<RoomPatterns>(var ok)
                ? ok : RoomPatterns.NONE).orElse(RoomPatterns.NONE);
    }

    /** The request's headers, each by its first value, for a connect hook to pick from. */
    private Map<String, String> headers(ServerUpgradeRequest request) {
        if (settings.admissions().isEmpty()) {
            return Map.of();
        }
        var headers = new HashMap<String, String>();
        request.getHeaders().forEach(field -> headers.putIfAbsent(field.getName(), field.getValue()));
        return headers;
    }

    private void refuse(HandshakeRefused refused, ServerUpgradeResponse response, Callback callback) {
        response.setStatus(refused.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, WireFormat.encode(refused.rejection()).bytes(), callback);
    }

    private static <T> T orRefuse(Checked<T> checked) {
        return orRefuse(checked, 400);
    }

    private static <T> T orRefuse(Checked<T> checked, int status) {
        return switch (checked) {
            case Checked.Accepted<T>(var value) -> value;
            case Checked.Rejected<T>(var rejection) -> throw new HandshakeRefused(status, rejection);
        };
    }

    private static String newUserId() {
        return UUID.randomUUID().toString();
    }
}
