package dev.chat.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Platform threads that wait for one signal and then run at once, so that their work overlaps as much as it can. */
final class StartingLine {

    private final CountDownLatch start = new CountDownLatch(1);
    private final List<Thread> workers = new ArrayList<>();

    /** Starts a thread that waits for {@link #goAndAwaitAll()} before it runs the work. */
    void add(Runnable work) {
        workers.add(Thread.ofPlatform().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            work.run();
        }));
    }

    /** Lets every thread go, and waits for all of them to finish. */
    void goAndAwaitAll() throws InterruptedException {
        start.countDown();
        for (var worker : workers) {
            worker.join();
        }
    }
}
