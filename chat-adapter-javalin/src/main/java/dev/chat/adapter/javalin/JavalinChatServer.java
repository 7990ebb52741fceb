package dev.chat.adapter.javalin;

import dev.chat.domain.port.needed.Authenticator;
import dev.chat.domain.port.offered.ChatHub;
import dev.chat.domain.port.offered.ChatQueries;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import dev.chat.domain.Sanction;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The chat served by Javalin, with {@code /ws} upgraded by Jetty's core WebSocket handler in front of it:
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"ok","clients":N,"storage":"ok|unavailable|disabled",
 *       "cluster":"ok|unavailable|disabled"}}</li>
 *   <li>{@code GET /health/live}: the process answers; {@code GET /health/ready}: it takes new clients (503 once
 *       {@link #drain() draining})</li>
 *   <li>{@code GET /stats}: the hub's counters</li>
 *   <li>{@code GET /api/analytics}: what a dashboard shows, as the original server's analytics name it</li>
 *   <li>{@code GET /api/nodes}: each node alive and what it shows of itself alone</li>
 *   <li>{@code GET /metrics}: the {@link ServerSettings#metricsPage() metrics page}, when there is one</li>
 *   <li>{@code GET /api/rooms...}: rooms, their users and their history ({@link ApiRoutes})</li>
 *   <li>{@code GET /api/users/{userId}/messages}: a user's own messages over every room ({@link ApiRoutes})</li>
 *   <li>{@code GET /api/users/{userId}/unread}: how far the user has read each room ({@link ApiRoutes})</li>
 *   <li>the server API, for the product's backend ({@link ServerApiRoutes})</li>
 *   <li>{@code WS /ws?userId=..&username=..&room=..&since=..}: one chat client per socket</li>
 * </ul>
 *
 * <p>Shutting down is three steps, so the hub can say goodbye in between: {@link #stopAccepting()}, then close the
 * hub (it closes every socket with 1001), then {@link #stop(Duration)}.
 */
public final class JavalinChatServer {

    private static final int PLATFORM_THREADS = 16;
    /**
     * Connections the kernel may hold before they are accepted; it caps this at {@code net.core.somaxconn}. Jetty's
     * default leaves the JDK's 50, and a reconnect storm overflowed it: each dropped SYN came back a second later.
     */
    private static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;
    /** Whether new clients are welcome: false once draining or stopping. */
    private volatile boolean ready = true;
    private final Keepalive keepalive;
    private final OpenSessions sessions = new OpenSessions();

    /** A server that takes each client's word for who it is, as the original protocol does. */
    public JavalinChatServer(ChatHub hub, ServerSettings settings) {
        this(hub, settings, Optional.empty());
    }

    /** A server that lets in only clients with a credential the authenticator accepts, when there is one. */
    public JavalinChatServer(ChatHub hub, ServerSettings settings, Optional<Authenticator> authenticator) {
        this.keepalive = new Keepalive(settings.pingInterval(), settings.idleTimeout(), settings.expiryWarning());
        var seats = new Seats(settings.maxConnections(), settings.maxConnectionsPerAddress(),
                settings.maxConnectionsPerUser());
        var credentials = authenticator.map(verifier -> new Credentials(verifier, settings));
        var shared = new ChatSocket.Shared(hub, keepalive, sessions, seats, new ClientMessageJson(), credentials);
        var handshake = new Handshake(settings, credentials, seats, hub::barred,
                admission -> new ChatSocket(shared, admission), () -> !ready);
        var api = new ApiRoutes(hub);
        var serverApi = new ServerApiRoutes(hub, Version.OF_THIS_BUILD);
        var guard = new HttpGuard(credentials, settings.apiKeys());
        var scheduler = new ScheduledExecutorScheduler("chat-request-deadline", true);
        var deadline = new RequestDeadline(settings.requestTimeout(), scheduler);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.addConnector((server, http) -> {
                var connector = connector(server, http, settings);
                connector.addEventListener(deadline);
                return connector;
            });
            config.jetty.threadPool = threadPool();
            config.jetty.modifyServer(server -> {
                server.addBean(scheduler);
                deadline.setHandler(webSockets(handshake, settings));
                server.setHandler(deadline);
                server.setErrorHandler(new JsonErrorPages());
            });
            config.routes.before("/api/*", guard::anyUser);
            config.routes.before("/stats", guard::operator);
            config.routes.before("/api/analytics", guard::operator);
            config.routes.before("/api/nodes", guard::operator);
            config.routes.before("/metrics", guard::operator);
            config.routes.get("/health", ctx -> ctx.json(new JsonBodies.Health("ok", hub.clientCount(),
                    hub.storage().wireName(), hub.cluster().wireName())));
            config.routes.get("/health/live", ctx -> ctx.json(new JsonBodies.Probe("ok")));
            config.routes.get("/health/ready", ctx -> {
                if (ready) {
                    ctx.json(new JsonBodies.Probe("ready"));
                } else {
                    ctx.status(503).json(new JsonBodies.Probe("draining"));
                }
            });
            config.routes.get("/stats", ctx -> ctx.json(JsonBodies.Stats.of(hub.stats())));
            config.routes.get("/api/analytics", ctx -> analytics(ctx, hub));
            config.routes.get("/api/nodes", ctx -> nodes(ctx, hub));
            config.routes.error(404, "*", ctx -> HttpGuard.refuse(ctx, 404,
                    new Rejection(ErrorCode.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path())));
            settings.metricsPage().ifPresent(page -> config.routes.get("/metrics",
                    ctx -> ctx.contentType(page.contentType()).result(page.render())));
            for (var asset : WebAssets.load(JavalinChatServer.class.getClassLoader())) {
                if (settings.webUi() || !asset.page()) {
                    config.routes.get(asset.path(), asset::serve);
                }
            }
            config.routes.get("/api/rooms", api::rooms);
            config.routes.get("/api/rooms/{room}/users", api::users);
            config.routes.get("/api/rooms/{room}/messages", api::messages);
            config.routes.get("/api/users/{userId}/messages", api::messagesBy);
            config.routes.get("/api/users/{userId}/unread", api::unread);
            config.routes.post("/api/rooms/{room}/messages", guarded(guard, serverApi::postToRoom));
            config.routes.delete("/api/rooms/{room}/messages/{id}", guarded(guard, serverApi::deleteInRoom));
            config.routes.post("/api/users/{userId}/messages", guarded(guard, serverApi::postToUser));
            config.routes.post("/api/users/{userId}/disconnect", guarded(guard, serverApi::disconnect));
            for (var kind : Sanction.Kind.values()) {
                var path = "/api/users/{userId}/" + kind.wireName();
                config.routes.put(path, guarded(guard, ctx -> serverApi.sanction(ctx, kind)));
                config.routes.delete(path, guarded(guard, ctx -> serverApi.lift(ctx, kind)));
            }
            config.routes.get("/api/info", guarded(guard, serverApi::info));
        });
    }

    /** A route of the server API, for whom {@link HttpGuard#serverApi} lets in. */
    private static io.javalin.http.Handler guarded(HttpGuard guard, io.javalin.http.Handler route) {
        return ctx -> {
            if (guard.serverApi(ctx)) {
                route.handle(ctx);
            }
        };
    }

    private static void analytics(Context ctx, ChatQueries hub) {
        hub.analytics().ifPresentOrElse(analytics -> ctx.json(JsonBodies.Analytics.of(analytics)),
                () -> busy(ctx));
    }

    private static void nodes(Context ctx, ChatQueries hub) {
        hub.nodes().ifPresentOrElse(nodes -> ctx.json(JsonBodies.Nodes.of(nodes)), () -> busy(ctx));
    }

    private static void busy(Context ctx) {
        HttpGuard.refuse(ctx, 503, new Rejection(ErrorCode.SERVER_BUSY, "the hub did not answer in time; try again"));
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

    /**
     * Says it is no longer ready ({@code /health/ready} answers 503), so that a balancer sends new clients elsewhere;
     * it still serves the ones it has.
     */
    public void drain() {
        ready = false;
    }

    /** Takes no more TCP connections; those already open carry on. */
    public void stopAccepting() {
        ready = false;
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

    /**
     * Upgrades {@code /ws} in front of Javalin, which serves every other request: Javalin sets its own handler inside
     * this one. See {@link ChatSocket} for why the sockets bypass Javalin.
     */
    private static WebSocketUpgradeHandler webSockets(Handshake handshake, ServerSettings settings) {
        var upgrades = new WebSocketUpgradeHandler();
        // It comes with a handler that answers 404; Javalin puts its own only where there is none.
        upgrades.setHandler((Handler) null);
        upgrades.addMapping("/ws", handshake);
        var configuration = upgrades.getConfiguration();
        configuration.setIdleTimeout(settings.idleTimeout());
        configuration.setMaxTextMessageSize(settings.maxMessageBytes());
        configuration.setMaxBinaryMessageSize(settings.maxMessageBytes());
        return upgrades;
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ServerSettings settings) {
        var connector = settings.tls()
                .map(certificate -> new ServerConnector(server, tls(certificate, http), new HttpConnectionFactory(http)))
                .orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    /**
     * TLS in front of HTTP/1.1. Clients that connect by IP address send no server name, so the name is not checked
     * against the certificate here: that is the client's check to make.
     */
    private static SslConnectionFactory tls(TlsCertificate certificate, HttpConfiguration http) {
        var password = UUID.randomUUID().toString();
        var context = new SslContextFactory.Server();
        context.setKeyStore(certificate.keyStore(password.toCharArray()));
        context.setKeyStorePassword(password);
        var secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        return new SslConnectionFactory(context, HttpVersion.HTTP_1_1.asString());
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
