package dev.chat.app;

import dev.chat.adapter.javalin.RawSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    private final RawSocket socket;
    private final OutputStream out;
    private final AtomicLong errors = new AtomicLong();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private Flooder(RawSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.output();
    }

    /** Connects, then sends {@code frame.apply(i)} for i = 0, 1, 2, ... until the server has closed the socket. */
    static Flooder flood(int port, String query, LongFunction<String> frame) throws IOException {
        var flooder = new Flooder(RawSocket.upgraded(port, query, 0));
        Thread.ofVirtual().start(flooder::read);
        Thread.ofVirtual().start(() -> flooder.send(frame));
        return flooder;
    }

    /** The code of the server's close frame, or {@link #NO_CLOSE_FRAME}. */
    int awaitCloseCode() throws Exception {
        return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    long errorReplies() {
        return errors.get();
    }

    private void send(LongFunction<String> frame) {
        try {
            for (long i = 0; !closeCode.isDone(); i++) {
                write(0x1, frame.apply(i).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the server closed the socket: the reader says how
        }
    }

    private void read() {
        try {
            while (true) {
                var frame = socket.readFrame();
                if (frame.opcode() == 0x8) {
                    answerClose(frame.payload());
                    closeCode.complete(frame.closeCode());
                    return;
                }
                if (frame.opcode() == 0x1
                        && new String(frame.payload(), StandardCharsets.UTF_8).startsWith("{\"type\":\"error\"")) {
                    errors.incrementAndGet();
                }
            }
        } catch (IOException e) {
            closeCode.complete(NO_CLOSE_FRAME);
        }
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
