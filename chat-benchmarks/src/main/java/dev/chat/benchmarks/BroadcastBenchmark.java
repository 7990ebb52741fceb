package dev.chat.benchmarks;

import dev.chat.domain.Identity;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.Presence;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * One chat message from one member to every member, through the hub's real path: the inbox, the event loop, one
 * encoding, every member's outbox and writer thread, into whatever connection a subclass makes. An operation ends
 * when every member's connection has counted the message in {@link #delivered}, so the score is the time a
 * broadcast takes to reach everyone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class BroadcastBenchmark {

    @Param({"10", "1000", "10000"})
    public int members;

    /** Messages the members' connections have been handed; each connection adds what it is given. */
    protected final LongAdder delivered = new LongAdder();
    private final ClientMessage message = ClientMessage.chat("the quick brown fox jumps over the lazy dog");
    private Hub hub;
    private Client sender;
    private long expected;

    /** A new member's connection, which counts into {@link #delivered}. */
    protected abstract Connection connection();

    @Setup(Level.Trial)
    public void connectMembers() {
        hub = new Hub(HubSettings.defaults()
                .withWriteInterval(Duration.ZERO)
                .withSendQueueBytes(64 * 1024 * 1024)
                // Every newcomer then gets only its presence message, and no summary falls inside a measurement.
                .withPresence(new Presence(0, Duration.ofHours(1))))
                .start();
        for (int i = 0; i < members; i++) {
            var client = hub.connect(new Identity("m" + i, "Member " + i), connection());
            if (i == 0) {
                sender = client;
            }
        }
        expected = members;
        awaitDelivered();
    }

    @Benchmark
    public long broadcastToEveryMember() {
        sender.post(message);
        expected += members;
        return awaitDelivered();
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
    }

    private long awaitDelivered() {
        long now;
        while ((now = delivered.sum()) < expected) {
            Thread.onSpinWait();
        }
        return now;
    }
}
