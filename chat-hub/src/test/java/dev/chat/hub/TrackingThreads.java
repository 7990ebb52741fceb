package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** Virtual threads, like the hub's default, but remembered so a test can prove none is left running. */
final class TrackingThreads implements ThreadFactory {

    private final List<Thread> created = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
        var thread = Thread.ofVirtual().name("tracked-", created.size()).unstarted(task);
        created.add(thread);
        return thread;
    }

    int created() {
        return created.size();
    }

    Thread first() {
        return created.getFirst();
    }

    void assertAllEnded() throws InterruptedException {
        for (var thread : created) {
            assertTrue(thread.getState() == Thread.State.NEW || thread.join(Duration.ofSeconds(10)),
                    () -> thread + " is still running: " + List.of(thread.getStackTrace()));
        }
    }
}
