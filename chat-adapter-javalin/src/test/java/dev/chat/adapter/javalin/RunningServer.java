package dev.chat.adapter.javalin;

import dev.chat.domain.port.needed.Authenticator;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.InMemoryMessageStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The real hub behind the real Javalin server on a free port, shut down as the application does it. Its history is a
 * fresh store that numbers rooms from 1, as the default database does on its first start.
 */
final class RunningServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Hub hub;
    final JavalinChatServer server;

    private RunningServer(Hub hub, JavalinChatServer server) {
        this.hub = hub;
        this.server = server;
    }

    static RunningServer start() {
        return start(ServerSettings.defaults(), HubSettings.defaults());
    }

    static RunningServer start(ServerSettings settings, HubSettings hubSettings) {
        var hub = new Hub(hubSettings, new InMemoryMessageStore()).start();
        return new RunningServer(hub, new JavalinChatServer(hub, settings.withPort(0)).start());
    }

    static RunningServer verifying(Authenticator authenticator) {
        return verifying(authenticator, ServerSettings.defaults());
    }

    static RunningServer verifying(Authenticator authenticator, ServerSettings settings) {
        var hub = new Hub(HubSettings.defaults(), new InMemoryMessageStore()).start();
        return new RunningServer(hub,
                new JavalinChatServer(hub, settings.withPort(0), Optional.of(authenticator)).start());
    }

    int port() {
        return server.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Authorization", "Bearer " + bearerToken).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Stops like the application: no new connections, the hub closes every socket, then the server stops. */
    boolean shutdown() throws InterruptedException {
        server.stopAccepting();
        hub.close();
        return server.stop(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws InterruptedException {
        shutdown();
    }
}
