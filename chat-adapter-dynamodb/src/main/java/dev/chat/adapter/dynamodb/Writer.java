package dev.chat.adapter.dynamodb;

import dev.chat.domain.RoomMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes behind the hub, which never waits for DynamoDB: messages are queued, and one thread writes them in order,
 * {@value #MAX_BATCH} to a {@code BatchWriteItem} (DynamoDB's limit), then applies each change among them to the chat
 * it changes. What DynamoDB leaves unprocessed, refuses or throttles is written again after a wait with jitter, until
 * it is taken: nothing queued is dropped. Readers wait for what was appended before them, so a store reads its own
 * writes.
 */
final class Writer implements AutoCloseable {

    static final int MAX_BATCH = 25;
    private static final System.Logger LOG = System.getLogger(Writer.class.getName());
    private static final Duration FIRST_WAIT = Duration.ofMillis(50);
    private static final Duration LAST_WAIT = Duration.ofSeconds(5);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Consumer<RoomMessage> applyChange;
    private final LinkedBlockingQueue<RoomMessage> queue;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    /** Messages taken in, and messages written: a reader waits until the second reaches the first as it found it. */
    private long added;
    private long written;
    private volatile boolean available = true;
    private volatile boolean closing;
    private final Thread thread;

    /** @param applyChange brings a chat up to date with a change among those just written; may throw to retry */
    Writer(DynamoDbClient dynamo, String table, Duration retention, int capacity, Consumer<RoomMessage> applyChange) {
        this.dynamo = dynamo;
        this.retention = retention;
        this.table = table;
        this.applyChange = applyChange;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("chat-dynamodb-writer").daemon().start(this::writeUntilClosed);
    }

    /** Queues the message; past the queue's capacity the caller waits, as a full SQL writer's does. */
    void add(RoomMessage message) {
        lock.lock();
        try {
            added++;
        } finally {
            lock.unlock();
        }
        try {
            queue.put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until every message added before this call is written, however long that takes while DynamoDB takes
     * writes; not while it refuses them (a reader then reads what there is), and never past {@code patience}.
     */
    void awaitWritten(Duration patience) {
        lock.lock();
        try {
            long target = added;
            long deadline = System.nanoTime() + patience.toNanos();
            while (written < target && available && System.nanoTime() < deadline) {
                progressed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    boolean available() {
        return available;
    }

    int queued() {
        return queue.size();
    }

    long failedWrites() {
        return failed.get();
    }

    long throttledWrites() {
        return throttled.get();
    }

    /**
     * Writes what is queued, then stops; gives up after {@code patience} (DynamoDB not answering), saying how many
     * messages were not written.
     */
    void close(Duration patience) throws InterruptedException {
        closing = true;
        if (!thread.join(patience)) {
            thread.interrupt();
            thread.join();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private void writeUntilClosed() {
        var batch = new ArrayList<RoomMessage>(MAX_BATCH);
        try {
            while (!(closing && queue.isEmpty())) {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    writeUntilTaken(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.ERROR, "stopped with " + (batch.size() + queue.size()) + " messages not written to DynamoDB");
        }
    }

    /** The batch, then its changes, in order, each tried again until DynamoDB takes it. */
    private void writeUntilTaken(List<RoomMessage> batch) throws InterruptedException {
        var wait = FIRST_WAIT;
        List<WriteRequest> left = batch.stream().map(message -> WriteRequest.builder()
                .putRequest(PutRequest.builder().item(Items.item(message, retention)).build()).build()).toList();
        int changesDone = 0;
        while (true) {
            try {
                while (!left.isEmpty()) {
                    var requests = Map.of(table, left);
                    var unprocessed = dynamo.batchWriteItem(request -> request.requestItems(requests))
                            .unprocessedItems().getOrDefault(table, List.of());
                    if (!unprocessed.isEmpty()) {
                        throttled.addAndGet(unprocessed.size());
                        pause(wait);
                        wait = longer(wait);
                    }
                    left = unprocessed;
                }
                for (; changesDone < batch.size(); changesDone++) {
                    if (batch.get(changesDone).message().type().amends()) {
                        applyChange.accept(batch.get(changesDone));
                    }
                }
                available = true;
                progressed(batch.size());
                return;
            } catch (SdkException e) {
                failed.incrementAndGet();
                if (isThrottling(e)) {
                    throttled.incrementAndGet();
                }
                if (available) {
                    LOG.log(Level.WARNING, "DynamoDB refused a write (" + e.getMessage() + "); trying again until it "
                            + "takes it, " + batch.size() + " messages waiting with " + queue.size() + " more");
                }
                available = false;
                pause(wait);
                wait = longer(wait);
            }
        }
    }

    private static boolean isThrottling(SdkException e) {
        return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && service.isThrottlingException();
    }

    private void progressed(int count) {
        lock.lock();
        try {
            written += count;
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Full jitter: anywhere up to the wait, so that nodes retrying together spread out. */
    private static void pause(Duration wait) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(wait.toNanos() + 1));
    }

    private static Duration longer(Duration wait) {
        var doubled = wait.multipliedBy(2);
        return doubled.compareTo(LAST_WAIT) > 0 ? LAST_WAIT : doubled;
    }
}
