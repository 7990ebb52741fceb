package dev.chat.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The peer the performance guide measures against does what the guide says: every text to everyone, as it is. */
class JettyForwarderTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_text_goes_byte_for_byte_to_every_client_the_sender_included() throws Exception {
        var server = new JettyForwarder().server(0);
        server.start();
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            var alice = new Received();
            var bob = new Received();
            var aliceSocket = connect(port, alice);
            connect(port, bob);
            awaitHealth(port, "{\"status\":\"ok\",\"clients\":2,\"dropped\":0}");

            aliceSocket.sendText("{\"not\":\"even chat\"} \uD83D\uDE00", true).get(10, TimeUnit.SECONDS);

            assertEquals("{\"not\":\"even chat\"} \uD83D\uDE00", alice.next());
            assertEquals("{\"not\":\"even chat\"} \uD83D\uDE00", bob.next());
        } finally {
            server.stop();
        }
    }

    /** The server opens a session a moment after the client has its answer: wait for it to count both. */
    private void awaitHealth(int port, String expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        var health = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        while (!health.equals(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            health = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
        assertEquals(expected, health);
    }

    private WebSocket connect(int port, Received into) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), into)
                .get(10, TimeUnit.SECONDS);
    }

    private static final class Received implements WebSocket.Listener {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            texts.add(text.toString());
            socket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            return texts.poll(10, TimeUnit.SECONDS);
        }
    }
}
