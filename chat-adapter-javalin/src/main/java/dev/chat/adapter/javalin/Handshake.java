package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request.Subscribe;
import dev.chat.domain.ResumePoint;
import dev.chat.domain.RoomName;
import dev.chat.domain.protocol.WireFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
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
 * Decides each {@code /ws} upgrade: refuses a foreign origin (403), or a bad username, room or resume point (400),
 * with a JSON error and no WebSocket; otherwise opens a socket for the client's identity and first room.
 */
final class Handshake implements WebSocketNegotiator {

    private final ServerSettings settings;
    private final BiFunction<Identity, Subscribe, FrameHandler> openSocket;

    Handshake(ServerSettings settings, BiFunction<Identity, Subscribe, FrameHandler> openSocket) {
        this.settings = settings;
        this.openSocket = openSocket;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        try {
            var socket = admit(request.getHeaders().get(HttpHeader.ORIGIN), Request.extractQueryParameters(request));
            // Compression would deflate every message once per recipient and keep a compressor of tens of kilobytes
            // per connection, for chat lines of a few hundred bytes.
            response.setExtensions(List.of());
            return socket;
        } catch (HandshakeRefused refused) {
            refuse(refused, response, callback);
            return null;
        }
    }

    private FrameHandler admit(String origin, Fields query) {
        if (!settings.allowsOrigin(origin)) {
            throw new HandshakeRefused(403,
                    new Rejection(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed"));
        }
        var identity = orRefuse(
                Identity.check(query.getValue("userId"), query.getValue("username"), Handshake::newUserId));
        var room = query.getValue("room") == null ? RoomName.GLOBAL : orRefuse(RoomName.check(query.getValue("room")));
        return openSocket.apply(identity, new Subscribe(room, orRefuse(ResumePoint.check(query.getValue("since")))));
    }

    private void refuse(HandshakeRefused refused, ServerUpgradeResponse response, Callback callback) {
        response.setStatus(refused.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, WireFormat.encode(refused.rejection()).bytes(), callback);
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
