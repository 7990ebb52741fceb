package dev.chat.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP GET against a running application, as curl would send it. */
final class AppRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AppRequests() {}

    static HttpResponse<String> get(ChatApplication app, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
