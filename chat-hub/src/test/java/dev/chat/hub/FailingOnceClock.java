package dev.chat.hub;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/** A fixed clock whose first reading throws, to prove the hub survives a failure in the middle of a command. */
final class FailingOnceClock extends Clock {

    private final Instant now;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean armed;

    FailingOnceClock(Instant now) {
        this.now = now;
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
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
