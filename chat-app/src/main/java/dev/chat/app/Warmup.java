package dev.chat.app;

import dev.chat.adapter.javalin.JavalinChatServer;
import dev.chat.hub.Hub;
import dev.chat.hub.InMemoryMessageStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs chat sessions against a throwaway hub and server on a loopback port before the real port opens. A cold JVM
 * interprets the handshake and frame path until the JIT has seen them often enough; without this, the first
 * thousand clients of a restart wait for the compiler.
 */
final class Warmup {

    private static final int PARALLEL = 200;
    private static final byte[] CHAT = "{\"type\":\"chat\",\"content\":\"warm-up\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ECHO = "\"content\":\"warm-up\"".getBytes(StandardCharsets.UTF_8);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private Warmup() {}

    /** @return how many of the sessions went through: an upgrade, a chat and its echo, and a close */
    static int run(ChatConfig config, int sessions) throws InterruptedException {
        var hub = new Hub(config.hubSettings(), new InMemoryMessageStore(100, 10)).start();
        var server = new JavalinChatServer(hub, config.serverSettings().withPort(0).withConnectionCaps(0, 0)
                .withMaxConnectionsPerUser(0).withMaxHandshakesPerAddressPerSecond(0).withTls(Optional.empty())).start();
        try {
            return sessions(server.port(), sessions);
        } finally {
            server.stopAccepting();
            hub.close();
            server.stop(Duration.ofSeconds(5));
        }
    }

    /** Runs the sessions against a server on this machine's loopback {@code port}; returns how many went through. */
    static int sessions(int port, int sessions) throws InterruptedException {
        var next = new AtomicInteger();
        var completed = new AtomicInteger();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>();
            for (int w = 0; w < PARALLEL; w++) {
                running.add(workers.submit(() -> {
                    for (int n = next.getAndIncrement(); n < sessions; n = next.getAndIncrement()) {
                        if (session(port, n)) {
                            completed.incrementAndGet();
                        }
                    }
                }));
            }
            for (var worker : running) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("warm-up failed", e.getCause());
                }
            }
        }
        return completed.get();
    }

    private static boolean session(int port, int n) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
            var out = socket.getOutputStream();
            var in = new BufferedInputStream(socket.getInputStream());
            out.write(upgrade(port, n));
            if (!readUntil(in, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
                return false;
            }
            writeMasked(out, 0x81, CHAT);
            if (!readUntil(in, ECHO)) {
                return false;
            }
            writeMasked(out, 0x88, new byte[] {0x03, (byte) 0xE8});
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] upgrade(int port, int n) {
        return ("GET /ws?userId=warmup-" + n + "&username=warmup HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: d2FybS11cC1zZXNzaW9uIQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeMasked(OutputStream out, int opcode, byte[] payload) throws IOException {
        var frame = new byte[6 + payload.length];
        frame[0] = (byte) opcode;
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = {0x1, 0x2, 0x3, 0x4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(frame);
    }

    private static boolean readUntil(InputStream in, byte[] wanted) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == (wanted[matched] & 0xFF) ? matched + 1 : (b == (wanted[0] & 0xFF) ? 1 : 0);
            if (matched == wanted.length) {
                return true;
            }
        }
        return false;
    }
}
