package dev.chat.hub;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** A standing clock whose next reading, once armed, throws, to prove the hub survives a failure inside a command. */
final class FailingOnceClock extends SteppingClock {

    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean armed;

    FailingOnceClock(Instant now) {
        super(now);
    }

    /** From now on the next reading fails, and only that one. */
    void arm() {
        armed = true;
    }

    boolean failed() {
        return failed.get();
    }

    @Override
    public Instant instant() {
        if (armed && failed.compareAndSet(false, true)) {
            throw new IllegalStateException("clock failure for the test");
        }
        return super.instant();
    }
}
