package dev.chat.adapter.javalin;

import dev.chat.domain.ChatHub;
import dev.chat.domain.Checked;
import dev.chat.domain.Client;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code /ws} endpoint: one hub {@link Client} per socket, fed with what the socket receives. */
final class ChatSocket implements Consumer<WsConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final int UNSUPPORTED_DATA = 1003;

    /** What a socket carries from its connect to its close. */
    private record Attachment(Client client, Keepalive.Watch watch) {}

    private final ChatHub hub;
    private final Keepalive keepalive;
    private final OpenSessions sessions;
    private final ClientMessageJson json = new ClientMessageJson();

    ChatSocket(ChatHub hub, Keepalive keepalive, OpenSessions sessions) {
        this.hub = hub;
        this.keepalive = keepalive;
        this.sessions = sessions;
    }

    @Override
    public void accept(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::receivedBinary);
        ws.onClose(this::closed);
        ws.onError(this::failed);
    }

    private void connected(WsConnectContext ctx) {
        Identity identity = ctx.attribute(Handshake.IDENTITY);
        Request.Subscribe firstRoom = ctx.attribute(Handshake.FIRST_ROOM);
        var session = ((WebSocketSession) ctx.session).getCoreSession();
        sessions.opened();
        var attachment = new Attachment(hub.connect(identity, new JavalinConnection(session), firstRoom),
                keepalive.watch(session));
        if (!slot(ctx).fill(attachment)) {
            release(attachment, "before it had fully opened");
            return;
        }
        LOG.debug("{} ({}) connected from {}", identity.username(), identity.userId(), ctx.session.getRemoteSocketAddress());
    }

    private void received(WsMessageContext ctx) {
        var attachment = slot(ctx).current();
        if (attachment == null) {
            return;
        }
        switch (json.decode(ctx.message())) {
            case Checked.Accepted(var message) -> attachment.client().post(message);
            case Checked.Rejected(var rejection) -> attachment.client().reject(rejection);
        }
    }

    private void receivedBinary(WsBinaryMessageContext ctx) {
        ctx.closeSession(UNSUPPORTED_DATA, "binary messages are not supported");
    }

    private void closed(WsCloseContext ctx) {
        var attachment = slot(ctx).close();
        if (attachment != null) {
            release(attachment, ctx.status() + " " + ctx.reason());
        }
    }

    private void release(Attachment attachment, String how) {
        attachment.watch().stop();
        attachment.client().disconnect();
        sessions.closed();
        var identity = attachment.client().identity();
        LOG.debug("{} ({}) disconnected: {}", identity.username(), identity.userId(), how);
    }

    private void failed(WsErrorContext ctx) {
        LOG.debug("socket error", ctx.error());
    }

    /** Made by the handshake, before any socket event, so that the open and the close share it. */
    private static SocketSlot<Attachment> slot(WsContext ctx) {
        return ctx.attribute(Handshake.SLOT);
    }
}
