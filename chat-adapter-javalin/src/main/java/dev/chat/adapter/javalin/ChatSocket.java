package dev.chat.adapter.javalin;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.Text;
import dev.chat.domain.port.offered.ChatConnections;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.FrameType;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.exception.CloseException;
import org.eclipse.jetty.websocket.core.messages.MessageSink;
import org.eclipse.jetty.websocket.core.messages.StringMessageSink;
import org.eclipse.jetty.websocket.core.util.MethodHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /ws} socket: a hub {@link Client}, fed with the text messages the socket receives.
 *
 * <p>It works on Jetty's core WebSocket frames rather than Javalin's or Jetty's WebSocket API because both of those
 * keep the upgrade's HTTP request, and with it the whole HTTP connection, for as long as the socket lives: about
 * 11 KB per idle connection. This class keeps only what the chat needs. In exchange it answers pings itself and asks
 * Jetty for each next frame.
 */
final class ChatSocket implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final int UNSUPPORTED_DATA = 1003;
    private static final int SERVER_ERROR = 1011;
    private static final MethodHandle RECEIVED = receivedHandle();

    /** What a socket carries from its open to its close. */
    private record Attachment(Client client, Keepalive.Watch watch) {}

    /** What every socket shares. */
    record Shared(ChatConnections hub, Keepalive keepalive, OpenSessions sessions, Seats seats, ClientMessageJson json,
            Optional<Credentials> credentials) {}

    private final Shared shared;
    private final Identity identity;
    private final RoomAccess access;
    private final Request.Subscribe firstRoom;
    private final Optional<Credential> credential;
    private final InetAddress from;
    // Jetty may report a close while the open is still running: whichever of the two comes second cleans up.
    private final SocketSlot<Attachment> slot = new SocketSlot<>();
    private CoreSession session;
    private JettyConnection connection;
    private MessageSink text;

    ChatSocket(Shared shared, Admission admission) {
        this.shared = shared;
        this.identity = admission.identity();
        this.access = admission.access();
        this.firstRoom = admission.firstRoom();
        this.credential = admission.credential();
        this.from = admission.from();
    }

    @Override
    public void onOpen(CoreSession openedSession, Callback callback) {
        this.session = openedSession;
        this.connection = JettyConnection.of((WebSocketCoreSession) openedSession, shared.keepalive().timer());
        this.text = new StringMessageSink(openedSession, MethodHolder.from(RECEIVED.bindTo(this)), true);
        shared.sessions().opened();
        var client = shared.hub().connect(identity, access, connection, firstRoom);
        var attachment = new Attachment(client, shared.keepalive().watch(connection));
        credential.ifPresent(token -> attachment.watch().expireAt(token, client));
        callback.succeeded();
        if (!slot.fill(attachment)) {
            release(attachment, "before it had fully opened");
            return;
        }
        LOG.debug("{} ({}) connected from {}", Text.loggable(identity.username()), Text.loggable(identity.userId()),
                openedSession.getRemoteAddress());
        openedSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        var attachment = slot.current();
        if (attachment != null) {
            attachment.watch().heard();
        }
        if (connection.isClosing() && frame.getOpCode() != OpCode.CLOSE) {
            callback.succeeded();
            session.demand();
            return;
        }
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.CONTINUATION ->
                    text.accept(frame, Callback.from(callback::succeeded, failure -> refuseText(failure, callback)));
            case OpCode.BINARY -> {
                callback.succeeded();
                connection.close(UNSUPPORTED_DATA, "binary messages are not supported");
            }
            case OpCode.PING -> {
                connection.pong(frame.getPayload());
                callback.succeeded();
                session.demand();
            }
            case OpCode.PONG -> {
                callback.succeeded();
                session.demand();
            }
            case OpCode.CLOSE -> {
                leaveHub();
                connection.closedByClient(callback);
            }
            default -> callback.succeeded();
        }
    }

    /**
     * Text that is not UTF-8 (1007) or too large (1009): the close goes out through our own writer, because Jetty's
     * would race a write of ours that is in flight and end the connection with no close frame at all.
     */
    private void refuseText(Throwable failure, Callback callback) {
        callback.succeeded();
        if (failure instanceof CloseException refused) {
            connection.close(refused.getStatusCode(), Objects.requireNonNullElse(refused.getMessage(), ""));
        } else {
            LOG.warn("a text message could not be handled", failure);
            connection.close(SERVER_ERROR, "the message could not be handled");
        }
    }

    /** Called by the text sink with each whole message; the sink then asks Jetty for the next frame. */
    private void received(String message) {
        var attachment = slot.current();
        if (attachment == null) {
            return;
        }
        switch (shared.json().decode(message)) {
            case Checked.Accepted(var accepted) when isRefresh(accepted) ->
                    attachment.client().refresh(() -> verifyRefresh(attachment, accepted.token()));
            case Checked.Accepted(var accepted) -> attachment.client().post(accepted);
            case Checked.Rejected(var rejection) -> attachment.client().reject(rejection);
        }
    }

    /** Where identities are not verified there is no token to refresh, and the hub says so. */
    private boolean isRefresh(ClientMessage message) {
        return shared.credentials().isPresent() && FrameType.REFRESH.wireName().equals(message.type());
    }

    /** A fresh token for the same user moves the connection's expiry, and perhaps its rooms, on. */
    private Checked<Client.Renewal> verifyRefresh(Attachment attachment, String token) {
        return switch (shared.credentials().orElseThrow().verify(token)) {
            case Checked.Accepted(var fresh) when !fresh.identity().userId().equals(identity.userId()) ->
                    Checked.rejected(ErrorCode.TOKEN_WRONG_USER,
                            "a refresh must be a token for the same user ('sub') as the connection's");
            case Checked.Accepted(var fresh) -> {
                attachment.watch().expireAt(fresh, attachment.client());
                yield Checked.accepted(new Client.Renewal(fresh.access(), fresh.expires()));
            }
            case Checked.Rejected(var rejection) -> new Checked.Rejected<>(rejection);
        };
    }

    /**
     * A client that sends a close frame is leaving: the hub hears it before any write can fail on the closing socket,
     * so it is not counted as a connection that broke.
     */
    private void leaveHub() {
        var attachment = slot.current();
        if (attachment != null) {
            attachment.client().disconnect();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("{} ({}) socket error: {}", Text.loggable(identity.username()), Text.loggable(identity.userId()), cause.toString());
        if (text != null) {
            text.fail(cause);
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        var attachment = slot.close();
        if (attachment != null) {
            release(attachment, status.getCode() + " " + status.getReason());
        }
        callback.succeeded();
    }

    private void release(Attachment attachment, String how) {
        attachment.watch().stop();
        attachment.client().disconnect();
        shared.sessions().closed();
        shared.seats().release(from, identity.userId());
        LOG.debug("{} ({}) disconnected: {}", Text.loggable(identity.username()), Text.loggable(identity.userId()), how);
    }

    private static MethodHandle receivedHandle() {
        try {
            return MethodHandles.lookup().findVirtual(ChatSocket.class, "received",
                    MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
