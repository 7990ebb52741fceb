package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How messages meet the socket: each its own unmasked text frame, a batch in one write, nothing in between. */
class JettyConnectionTest {

    /** An in-memory socket that counts its writes; one that is "full" holds a write until it is read. */
    private static final class CountingEndPoint extends ByteArrayEndPoint {
        final AtomicInteger flushes = new AtomicInteger();

        CountingEndPoint(int capacity, boolean grows) {
            super(null, 0, null, capacity, grows);
        }

        @Override
        public boolean flush(ByteBuffer... buffers) throws IOException {
            flushes.incrementAndGet();
            return super.flush(buffers);
        }
    }

    private final CoreSession session = mock(CoreSession.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void a_batch_goes_out_in_one_socket_write_each_message_its_own_frame() throws IOException {
        var socket = new CountingEndPoint(1 << 16, true);
        connection(socket).send(messages("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));

        assertArrayEquals(frames("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), bytes(socket.takeOutput()));
        assertEquals(1, socket.flushes.get());
    }

    @Test
    void a_frame_larger_than_the_write_buffer_follows_the_ones_before_it_whole() throws IOException {
        var socket = new CountingEndPoint(1 << 20, true);
        var big = "x".repeat(JettyConnection.WRITE_BUFFER_BYTES * 2);

        connection(socket).send(messages("small", big, "after"));

        assertArrayEquals(frames("small", big, "after"), bytes(socket.takeOutput()));
    }

    @Test
    void a_pong_is_not_written_by_the_thread_that_wants_it_but_asks_the_writer_and_leads_its_next_write()
            throws IOException {
        var socket = new CountingEndPoint(1024, true);
        var connection = connection(socket);
        var writesAsked = new AtomicInteger();
        connection.writtenBy(writesAsked::incrementAndGet);

        connection.pong(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, writesAsked.get());
        assertEquals(0, socket.flushes.get(), "nothing written by the reading thread");

        connection.send(messages("{\"chat\":1}"));
        var expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 0x8A, 1, 'p'});
        expected.writeBytes(frames("{\"chat\":1}"));
        assertArrayEquals(expected.toByteArray(), bytes(socket.takeOutput()));
        assertEquals(1, socket.flushes.get(), "the pong and the batch in one write");
    }

    @Test
    void a_ping_goes_out_on_the_writers_next_write_even_with_no_message_to_send() throws IOException {
        var socket = new CountingEndPoint(1024, true);
        var connection = connection(socket);
        var writesAsked = new AtomicInteger();
        connection.writtenBy(writesAsked::incrementAndGet);

        connection.ping();
        connection.send(List.of());
        connection.send(List.of());

        assertEquals(1, writesAsked.get());
        assertArrayEquals(new byte[] {(byte) 0x89, 0}, bytes(socket.takeOutput()), "one ping, once");
    }

    @Test
    void pings_that_pile_up_before_the_writer_gets_to_them_are_answered_by_one_pong_for_the_latest()
            throws IOException {
        var socket = new CountingEndPoint(1024, true);
        var connection = connection(socket);
        connection.writtenBy(() -> {});

        for (int i = 0; i < 10_000; i++) {
            connection.pong(ByteBuffer.wrap(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        connection.send(List.of());

        var latest = "9999".getBytes(StandardCharsets.UTF_8);
        var expected = ByteBuffer.allocate(2 + latest.length).put((byte) 0x8A).put((byte) latest.length).put(latest);
        assertArrayEquals(expected.array(), bytes(socket.takeOutput()), "one pong, of the latest ping");
    }

    @Test
    void frames_wanted_before_the_writer_was_there_ask_it_for_a_write_as_soon_as_it_is() {
        var connection = connection(new CountingEndPoint(1024, true));
        connection.ping();
        var writesAsked = new AtomicInteger();

        connection.writtenBy(writesAsked::incrementAndGet);

        assertEquals(1, writesAsked.get());
    }

    @Test
    void a_close_asked_for_during_a_write_waits_for_it_then_writes_the_close_frame_after_it() throws Exception {
        var socket = new CountingEndPoint(8, false);
        var connection = connection(socket);
        var sending = CompletableFuture.runAsync(() -> sendQuietly(connection, "{\"chat\":1}"));
        awaitPendingWrite(socket);

        connection.close(CloseReason.TOO_SLOW);
        var written = new ByteArrayOutputStream();
        while (!sending.isDone() || socket.hasMore() || !socket.isOutputShutdown()) {
            written.writeBytes(bytes(socket.takeOutput()));
        }
        written.writeBytes(bytes(socket.takeOutput()));

        var expected = new ByteArrayOutputStream();
        expected.writeBytes(frames("{\"chat\":1}"));
        expected.writeBytes(closeFrame(4008, "too slow: reconnect and resume with since"));
        assertArrayEquals(expected.toByteArray(), written.toByteArray());
        assertThrows(IOException.class, () -> connection.send(messages("{}")), "nothing is written after a close");
    }

    @Test
    void closing_while_idle_writes_the_reasons_close_frame_at_once_and_half_closes_the_socket() {
        var socket = new CountingEndPoint(1024, true);

        connection(socket).close(CloseReason.GOING_AWAY);

        assertArrayEquals(closeFrame(1001, "server shutting down"), bytes(socket.takeOutput()));
        assertTrue(socket.isOutputShutdown());
    }

    @Test
    void a_client_that_never_answers_the_close_is_let_go_after_the_linger_time() {
        var connection = connection(new CountingEndPoint(1024, true));

        connection.close(CloseReason.RATE_LIMITED);
        connection.close(CloseReason.TOO_SLOW);

        verify(session, timeout(JettyConnection.LINGER.multipliedBy(3).toMillis()).times(1)).abort();
    }

    @Test
    void a_failed_write_is_reported_as_an_io_error() {
        var socket = new CountingEndPoint(1024, true);
        socket.close();

        assertThrows(IOException.class, () -> connection(socket).send(messages("{}")));
    }

    @Test
    void headers_grow_with_the_payload_as_the_rfc_says() {
        assertEquals(2 + 125, TextFrames.length(EncodedMessage.of("x".repeat(125))));
        assertEquals(4 + 126, TextFrames.length(EncodedMessage.of("x".repeat(126))));
        assertEquals(4 + 65_535, TextFrames.length(EncodedMessage.of("x".repeat(65_535))));
        assertEquals(10 + 65_536, TextFrames.length(EncodedMessage.of("x".repeat(65_536))));
    }

    private static byte[] closeFrame(int code, String reason) {
        var payload = reason.getBytes(StandardCharsets.UTF_8);
        var frame = ByteBuffer.allocate(4 + payload.length).put((byte) 0x88).put((byte) (2 + payload.length))
                .putShort((short) code).put(payload);
        return frame.array();
    }

    private JettyConnection connection(ByteArrayEndPoint socket) {
        return new JettyConnection(session, new SocketWriter(socket), new ArrayByteBufferPool(), timer);
    }

    private static void sendQuietly(JettyConnection connection, String text) {
        try {
            connection.send(messages(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitPendingWrite(CountingEndPoint socket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!socket.getWriteFlusher().isPending()) {
            assertTrue(System.nanoTime() < deadline, "the write never filled the socket");
            Thread.onSpinWait();
        }
    }

    /** What a client should read: for each text, 0x81 (final text frame), its length, its bytes, no mask. */
    private static byte[] frames(String... texts) {
        var out = new ByteArrayOutputStream();
        for (var text : texts) {
            var payload = text.getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            if (payload.length < 126) {
                out.write(payload.length);
            } else {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xFF);
            }
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static List<EncodedMessage> messages(String... texts) {
        return List.of(texts).stream().map(EncodedMessage::of).toList();
    }
}
