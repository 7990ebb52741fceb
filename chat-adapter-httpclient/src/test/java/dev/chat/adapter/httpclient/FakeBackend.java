package dev.chat.adapter.httpclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** The product's backend as a test plays it: the JDK's own HTTP server, answering each path as the test says. */
public final class FakeBackend implements AutoCloseable {

    /** What one request carried, its body and its headers, and the status it was answered with. */
    public record Received(String path, String body, Map<String, List<String>> headers, int answered) {

        public boolean taken() {
            return answered / 100 == 2;
        }
    }

    /** How to answer a request: a status and a body, after whatever {@code before} waits for. */
    public record Answer(int status, byte[] body, Map<String, String> headers, CountDownLatch before) {

        public static Answer json(String body) {
            return new Answer(200, body.getBytes(StandardCharsets.UTF_8), Map.of(), new CountDownLatch(0));
        }

        public static Answer status(int status) {
            return new Answer(status, new byte[0], Map.of(), new CountDownLatch(0));
        }
    }

    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Released when the test ends, so that an answer held back ends too. */
    public final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;
    private volatile Function<Received, Answer> answers = request -> Answer.json("{\"allow\":true}");

    public FakeBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public FakeBackend answering(Function<Received, Answer> how) {
        answers = how;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var asked = new Received(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    Map.copyOf(exchange.getRequestHeaders()), 0);
            var answer = answers.apply(asked);
            received.add(new Received(asked.path(), asked.body(), asked.headers(), answer.status()));
            answer.before().await();
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
