package dev.chat.app;

import dev.chat.adapter.javalin.JavalinChatServer;
import dev.chat.adapter.jwt.JwtAuthenticator;
import dev.chat.domain.port.needed.Authenticator;
import dev.chat.hub.Hub;
import java.time.Duration;

/** The running server: the hub, and the web server in front of it, started and stopped together. */
final class ChatApplication {

    static final String SHUTDOWN_NOTICE = "The server is shutting down.";

    private final ChatConfig config;
    private final Hub hub;
    private final JavalinChatServer server;

    private ChatApplication(ChatConfig config, Hub hub, JavalinChatServer server) {
        this.config = config;
        this.hub = hub;
        this.server = server;
    }

    static ChatApplication start(ChatConfig config) {
        var hub = new Hub(config.hubSettings(), config.messageStore()).start();
        try {
            var authenticator = config.authentication().<Authenticator>map(JwtAuthenticator::new);
            return new ChatApplication(config, hub,
                    new JavalinChatServer(hub, config.serverSettings(), authenticator).start());
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    /**
     * Takes no new connections, tells every client the server is going, delivers what is queued, closes every
     * socket with 1001 and stops, all within the shutdown timeout.
     *
     * @return true if every socket finished closing in time
     */
    boolean stop() throws InterruptedException {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        server.stopAccepting();
        hub.announce(SHUTDOWN_NOTICE);
        hub.close();
        return server.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
