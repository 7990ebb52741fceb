package dev.chat.adapter.javalin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts open WebSocket sessions, so that shutdown can wait for the last close handshake before stopping Jetty. */
final class OpenSessions {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition noneOpen = lock.newCondition();
    private int open;

    void opened() {
        lock.lock();
        try {
            open++;
        } finally {
            lock.unlock();
        }
    }

    void closed() {
        lock.lock();
        try {
            if (--open == 0) {
                noneOpen.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int count() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** True if every session closed within the timeout. */
    boolean awaitNone(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (open > 0 && nanos > 0) {
                nanos = noneOpen.awaitNanos(nanos);
            }
            return open == 0;
        } finally {
            lock.unlock();
        }
    }
}
