package dev.chat.benchmarks;

import dev.chat.domain.Client;
import dev.chat.domain.ClientMessage;
import dev.chat.domain.CloseReason;
import dev.chat.domain.Connection;
import dev.chat.domain.EncodedMessage;
import dev.chat.domain.Identity;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.Presence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * One chat message from one member to every member, through the hub's real path: the inbox, the event loop,
 * one encoding, every member's outbox and writer thread, into in-memory connections. An operation ends when the
 * last member has the message, so the score is the time a broadcast takes to reach everyone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {

    /** Counts what it is given; the cheapest possible transport. */
    private record CountingConnection(AtomicLong delivered) implements Connection {
        @Override
        public void send(List<EncodedMessage> messages) {
            delivered.addAndGet(messages.size());
        }

        @Override
        public void close(CloseReason reason) {
            // nothing to release
        }
    }

    @Param({"10", "1000", "10000"})
    public int members;

    private final AtomicLong delivered = new AtomicLong();
    private final ClientMessage message = ClientMessage.chat("the quick brown fox jumps over the lazy dog");
    private Hub hub;
    private Client sender;
    private long expected;

    @Setup(Level.Trial)
    public void connectMembers() {
        hub = new Hub(HubSettings.defaults()
                .withWriteInterval(Duration.ZERO)
                .withSendQueueBytes(64 * 1024 * 1024)
                // Every newcomer then gets only its presence message, and no summary falls inside a measurement.
                .withPresence(new Presence(0, Duration.ofHours(1))))
                .start();
        for (int i = 0; i < members; i++) {
            var client = hub.connect(new Identity("m" + i, "Member " + i), new CountingConnection(delivered));
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
        while ((now = delivered.get()) < expected) {
            Thread.onSpinWait();
        }
        return now;
    }
}
