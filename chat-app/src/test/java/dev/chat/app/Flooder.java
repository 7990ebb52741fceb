package dev.chat.app;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An attacker's client on a bare socket: one thread sends text frames as fast as the socket takes them, another
 * reads what comes back, counts the error replies, and answers the server's close frame as a client should. What it
 * learns is the close code the server's close frame carried, or 1006 when the connection ended without one.
 */
final class Flooder implements AutoCloseable {

    static final int NO_CLOSE_FRAME = 1006;
    private static final long WAIT_SECONDS = 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private Flooder(int port, String query) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /ws?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        var status = readLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("not upgraded: " + status);
        }
        while (!readLine().isEmpty()) {
            // the upgrade's headers say nothing a flooder needs
        }
    }

    /** Connects, then sends {@code frame.apply(i)} for i = 0, 1, 2, ... until the server has closed the socket. */
    static Flooder flood(int port, String query, LongFunction<String> frame) throws IOException {
        var flooder = new Flooder(port, query);
        Thread.ofVirtual().start(flooder::read);
        Thread.ofVirtual().start(() -> flooder.send(frame));
        return flooder;
    }

    /** The code of the server's close frame, or {@link #NO_CLOSE_FRAME}. */
    int awaitCloseCode() throws Exception {
        return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    long sent() {
        return sent.get();
    }

    long errorReplies() {
        return errors.get();
    }

    private void send(LongFunction<String> frame) {
        try {
            for (long i = 0; !closeCode.isDone(); i++) {
                write(0x1, frame.apply(i).getBytes(StandardCharsets.UTF_8));
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            // the server closed the socket: the reader says how
        }
    }

    private void read() {
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                var payload = payload(in.readUnsignedByte() & 0x7F);
                if (opcode == 0x8) {
                    answerClose(payload);
                    closeCode.complete((payload[0] & 0xFF) << 8 | payload[1] & 0xFF);
                    return;
                }
                if (opcode == 0x1 && new String(payload, StandardCharsets.UTF_8).startsWith("{\"type\":\"error\"")) {
                    errors.incrementAndGet();
                }
            }
        } catch (IOException e) {
            closeCode.complete(NO_CLOSE_FRAME);
        }
    }

    private byte[] payload(int length) throws IOException {
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        var payload = new byte[(int) size];
        in.readFully(payload);
        return payload;
    }

    private void answerClose(byte[] payload) {
        try {
            write(0x8, payload);
        } catch (IOException e) {
            // the server may already have gone: its close frame is what counts
        }
    }

    /** A masked frame (with a zero mask, which leaves the payload as it is), as a client must send. */
    private synchronized void write(int opcode, byte[] payload) throws IOException {
        var header = new byte[payload.length < 126 ? 6 : 8];
        header[0] = (byte) (0x80 | opcode);
        if (payload.length < 126) {
            header[1] = (byte) (0x80 | payload.length);
        } else {
            header[1] = (byte) (0x80 | 126);
            header[2] = (byte) (payload.length >> 8);
            header[3] = (byte) payload.length;
        }
        out.write(header);
        out.write(payload);
    }

    private String readLine() throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
