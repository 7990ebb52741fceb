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
import java.util.concurrent.locks.LockSupport;
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

    /** A socket that takes every byte at once and counts the frames' bytes it was handed. */
    private static final class TakingEverything extends ByteArrayEndPoint {
        private final LongAdder bytes;

        TakingEverything(LongAdder bytes) {
            super(null, 0, null, 1024, false);
            this.bytes = bytes;
        }

        @Override
        public boolean flush(ByteBuffer... buffers) {
            for (var buffer : buffers) {
                bytes.add(buffer.remaining());
                buffer.position(buffer.limit());
            }
            return true;
        }
    }

    @Param({"10", "1000"})
    public int members;

    private final LongAdder written = new LongAdder();
    private final ClientMessage message = ClientMessage.chat("the quick brown fox jumps over the lazy dog");
    private Hub hub;
    private Client sender;
    private long expected;
    private long bytesPerBroadcast;

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
                    new SocketWriter(new TakingEverything(written)), pool);
            var client = hub.connect(new Identity("m" + i, "Member " + i), connection);
            if (i == 0) {
                sender = client;
            }
        }
        awaitQuiet();
        long before = written.sum();
        sender.post(message);
        awaitQuiet();
        bytesPerBroadcast = written.sum() - before;
        expected = written.sum();
    }

    @Benchmark
    public long broadcastToEveryMembersSocket() {
        sender.post(message);
        expected += bytesPerBroadcast;
        long now;
        while ((now = written.sum()) < expected) {
            Thread.onSpinWait();
        }
        return now;
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
    }

    /** Until nothing more has been written for 200 ms: every member's presence and join are out. */
    private void awaitQuiet() {
        long last = -1;
        while (written.sum() != last) {
            last = written.sum();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }
}
