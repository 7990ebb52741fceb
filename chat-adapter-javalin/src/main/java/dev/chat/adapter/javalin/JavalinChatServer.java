package dev.chat.adapter.javalin;

import dev.chat.domain.ChatHub;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat served over HTTP and WebSocket by Javalin:
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"ok","clients":N}}</li>
 *   <li>{@code GET /stats}: the hub's counters</li>
 *   <li>{@code GET /api/rooms...}: rooms, their users and their history ({@link RoomRoutes})</li>
 *   <li>{@code WS /ws?userId=..&username=..&room=..&since=..}: one chat client per socket</li>
 * </ul>
 *
 * <p>Shutting down is three steps, so the hub can say goodbye in between: {@link #stopAccepting()}, then close the
 * hub (it closes every socket with 1001), then {@link #stop(Duration)}.
 */
public final class JavalinChatServer {

    private static final Logger LOG = LoggerFactory.getLogger(JavalinChatServer.class);
    private static final int PLATFORM_THREADS = 16;

    private final Javalin app;
    private final Keepalive keepalive;
    private final OpenSessions sessions = new OpenSessions();

    public JavalinChatServer(ChatHub hub, ServerSettings settings) {
        this.keepalive = new Keepalive(settings.pingInterval(), settings.idleTimeout());
        var socket = new ChatSocket(hub, keepalive, sessions);
        var rooms = new RoomRoutes(hub);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.threadPool = threadPool();
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setIdleTimeout(settings.idleTimeout());
                factory.setMaxTextMessageSize(settings.maxMessageBytes());
                factory.setMaxBinaryMessageSize(settings.maxMessageBytes());
                // Compression would deflate every message once per recipient and keep a compressor of tens of
                // kilobytes per connection, for chat lines of a few hundred bytes.
                factory.getAvailableExtensionNames().removeIf(name -> name.contains("deflate"));
            });
            config.routes.get("/health", ctx -> ctx.json(new JsonBodies.Health("ok", hub.clientCount())));
            config.routes.get("/stats", ctx -> ctx.json(hub.stats()));
            config.routes.get("/api/rooms", rooms::rooms);
            config.routes.get("/api/rooms/{room}/users", rooms::users);
            config.routes.get("/api/rooms/{room}/messages", rooms::messages);
            config.routes.wsBeforeUpgrade("/ws", new Handshake(settings));
            config.routes.ws("/ws", socket);
            config.routes.exception(HandshakeRefused.class, JavalinChatServer::refuse);
            config.jetty.modifyServletContextHandler(JavalinChatServer::keepNoHttpSessions);
        });
    }

    public JavalinChatServer start() {
        app.start();
        return this;
    }

    /** The port the server listens on, useful after asking for port 0. */
    public int port() {
        return app.port();
    }

    /** How many WebSocket sessions are open now. */
    public int openSessions() {
        return sessions.count();
    }

    /** Takes no more TCP connections; those already open carry on. */
    public void stopAccepting() {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector accepting) {
                accepting.setAccepting(false);
            }
        }
    }

    /**
     * Waits up to {@code grace} for every WebSocket to finish closing, then stops the web server.
     *
     * @return true if every socket had closed by itself before the server stopped
     */
    public boolean stop(Duration grace) throws InterruptedException {
        var allClosed = sessions.awaitNone(grace);
        app.stop();
        keepalive.close();
        return allClosed;
    }

    /** Javalin does not write a result for a refused upgrade, so the error body is written here. */
    private static void refuse(HandshakeRefused refused, Context ctx) {
        var body = ctx.jsonMapper().toJsonString(JsonBodies.Error.of(refused.rejection()), JsonBodies.Error.class);
        ctx.status(refused.status()).contentType(ContentType.APPLICATION_JSON);
        try {
            ctx.res().getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException clientGone) {
            LOG.debug("could not send the refusal; the client has gone", clientGone);
        }
    }

    /**
     * Javalin opens an HTTP session for every WebSocket upgrade (it snapshots the session's attributes). The chat
     * has no use for them; without this every connection would leave a session in memory until it expired.
     */
    private static void keepNoHttpSessions(ServletContextHandler handler) {
        var sessions = handler.getSessionHandler();
        var cache = new NullSessionCache(sessions);
        cache.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(cache);
    }

    /**
     * Jetty's selectors stay on platform threads; each request and socket event runs on a virtual thread. With the
     * blocking work on virtual threads, a few platform threads suffice: Jetty's default of up to 200 grew to 80
     * under connection churn, each with a stack of its own.
     */
    private static QueuedThreadPool threadPool() {
        var pool = new QueuedThreadPool(PLATFORM_THREADS, 4);
        pool.setName("jetty");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return pool;
    }
}
