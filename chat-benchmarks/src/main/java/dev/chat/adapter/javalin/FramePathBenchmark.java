package dev.chat.adapter.javalin;

import dev.chat.benchmarks.BroadcastBenchmark;
import dev.chat.domain.port.needed.Connection;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * The hub's path as in {@link BroadcastBenchmark}, then the adapter's frame path (JettyConnection, SocketWriter) into
 * Jetty endpoints that take every byte at once: from one accepted message to WebSocket frame bytes handed to each
 * member's socket. In the package of the adapter, whose frame path is package-private. Run with {@code -prof gc}: the
 * allocation per operation divided by the members is the allocation per delivery.
 */
public class FramePathBenchmark extends BroadcastBenchmark {

    /**
     * A socket that takes every byte at once and counts the frames it was handed. Frames are counted, not bytes: a
     * message's frame grows by a byte each time its id gains a digit. Every frame here is small, so each write holds
     * whole frames under 64 KiB, whose headers are two or four bytes.
     */
    private static final class TakingEverything extends ByteArrayEndPoint {
        private final LongAdder frames;

        TakingEverything(LongAdder frames) {
            super(null, 0, null, 1024, false);
            this.frames = frames;
        }

        @Override
        public boolean flush(ByteBuffer... buffers) {
            for (var buffer : buffers) {
                while (buffer.hasRemaining()) {
                    int at = buffer.position();
                    int length = buffer.get(at + 1) & 0x7F;
                    buffer.position(length < 126
                            ? at + 2 + length
                            : at + 4 + (buffer.getShort(at + 2) & 0xFFFF));
                    frames.increment();
                }
            }
            return true;
        }
    }

    private final ArrayByteBufferPool pool = new ArrayByteBufferPool();
    /** Only a close would schedule on it, and the benchmark closes no connection. */
    private final ScheduledExecutorService noTimer = Executors.newScheduledThreadPool(0);

    @Override
    protected Connection connection() {
        return new JettyConnection(new CoreSession.Empty(), new SocketWriter(new TakingEverything(delivered)), pool,
                noTimer);
    }
}
