package dev.chat.adapter.javalin;

import dev.chat.domain.Client;
import dev.chat.domain.ClientMessage;
import dev.chat.domain.Identity;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.Presence;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One accepted chat message to WebSocket frame bytes handed to the socket of each of N members: the hub's loop, one
 * JSON encoding, every outbox and writer, and the adapter's frame path into a socket that takes everything at once.
 * In the package of the adapter, whose frame path is package-private. Run with {@code -prof gc}: the allocation per
 * operation divided by the members is the allocation per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramePathBenchmark {

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

    @Param({"10", "1000"})
    public int members;

    private final LongAdder delivered = new LongAdder();
    private final ClientMessage message = ClientMessage.chat("the quick brown fox jumps over the lazy dog");
    private Hub hub;
    private Client sender;
    private long expected;

    @Setup(Level.Trial)
    public void connectMembers() {
        hub = new Hub(HubSettings.defaults()
                .withWriteInterval(Duration.ZERO)
                // Every newcomer then gets only its presence message, and no summary falls inside a measurement.
                .withPresence(new Presence(0, Duration.ofHours(1))))
                .start();
        var pool = new ArrayByteBufferPool();
        for (int i = 0; i < members; i++) {
            var connection = new JettyConnection(new CoreSession.Empty(),
                    new SocketWriter(new TakingEverything(delivered)), pool);
            var client = hub.connect(new Identity("m" + i, "Member " + i), connection);
            if (i == 0) {
                sender = client;
            }
        }
        expected = members;
        awaitDelivered();
    }

    @Benchmark
    public long broadcastToEveryMembersSocket() {
        sender.post(message);
        expected += members;
        return awaitDelivered();
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
    }

    /** Every member's presence on entering (the presence limit of 0 announces no join), or the broadcast. */
    private long awaitDelivered() {
        long now;
        while ((now = delivered.sum()) < expected) {
            Thread.onSpinWait();
        }
        return now;
    }
}
