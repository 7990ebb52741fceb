package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition to become true, checking it every millisecond, and fails after ten seconds. */
final class Await {

    private Await() {}

    static void until(BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(whatFailed.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
