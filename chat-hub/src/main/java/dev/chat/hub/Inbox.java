package dev.chat.hub;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The event loop's only input: a lock-free queue that many threads offer to and only the loop takes from.
 *
 * <p>Client input is bounded: a client posting into a full inbox waits for space, which slows that client only,
 * and nothing accepted is ever dropped. Lifecycle commands never wait.
 */
final class Inbox {

    private final LinkedTransferQueue<Command> commands = new LinkedTransferQueue<>();
    private final int clientCapacity;
    private final Semaphore clientSpace;
    private final AtomicInteger submitting = new AtomicInteger();
    private volatile boolean open = true;

    Inbox(int clientCapacity) {
        this.clientCapacity = clientCapacity;
        clientSpace = new Semaphore(clientCapacity);
    }

    /** Client input queued and not yet taken by the loop; from any thread. */
    int clientBacklog() {
        return clientCapacity - clientSpace.availablePermits();
    }

    /** Queues a command without waiting. False once the inbox is closed. */
    boolean offer(Command command) {
        submitting.incrementAndGet();
        try {
            return open && commands.offer(command);
        } finally {
            submitting.decrementAndGet();
        }
    }

    /** Queues client input, waiting while the inbox holds its capacity of it. False once the inbox is closed. */
    boolean put(Command command) {
        clientSpace.acquireUninterruptibly();
        if (offer(command)) {
            return true;
        }
        clientSpace.release();
        return false;
    }

    /** Called by the loop only. */
    Command take() throws InterruptedException {
        return taken(commands.take());
    }

    /** Called by the loop only; null if nothing came within the timeout. */
    Command poll(long timeoutNanos) throws InterruptedException {
        return taken(commands.poll(timeoutNanos, TimeUnit.NANOSECONDS));
    }

    /** Called by the loop only: the next command if there is one and it is wanted, without waiting. */
    Command takeIf(Predicate<Command> wanted) {
        var next = commands.peek();
        return next != null && wanted.test(next) ? taken(commands.poll()) : null;
    }

    private Command taken(Command command) {
        if (command != null && command.fromClient()) {
            clientSpace.release();
        }
        return command;
    }

    /**
     * Refuses all further commands, frees clients waiting for space, and queues {@code last} behind every command
     * that was accepted, so the loop sees nothing after it.
     */
    void closeWith(Command last) {
        open = false;
        clientSpace.release(Integer.MAX_VALUE / 2);
        while (submitting.get() > 0) {
            Thread.onSpinWait();
        }
        commands.offer(last);
    }
}
