package dev.chat.benchmarks;

import dev.chat.adapter.bucket4j.Bucket4jThrottle;
import dev.chat.domain.port.needed.Throttle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the message budget costs each message a client sends: one take from a Bucket4j bucket that always has room
 * (the path of every message a normal client sends), one from the connection's and one from its user's as the hub
 * does, and the unlimited budget as the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThrottleBenchmark {

    /** So large that no take is ever refused: what is measured is the bookkeeping, not a refusal. */
    private static final int NEVER_EMPTY = 1_000_000_000;

    private Throttle.Budget unlimited;
    private Throttle.Budget connection;
    private Throttle.Budget user;

    @Setup(Level.Trial)
    public void budgets() {
        var bucket4j = new Bucket4jThrottle(NEVER_EMPTY, NEVER_EMPTY);
        unlimited = Throttle.UNLIMITED.newBudget();
        connection = bucket4j.newBudget();
        user = bucket4j.newBudget();
    }

    @Benchmark
    public long unlimited() {
        return unlimited.take();
    }

    @Benchmark
    public long oneBucket() {
        return connection.take();
    }

    @Benchmark
    public long connectionThenUser() {
        long wait = connection.take();
        return wait == 0 ? user.take() : wait;
    }
}
