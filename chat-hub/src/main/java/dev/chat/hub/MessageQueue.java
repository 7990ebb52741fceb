package dev.chat.hub;

import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A first-in first-out queue of messages for exactly one producer thread and one consumer thread, without locks.
 *
 * <p>It grows by linked chunks of {@value #CHUNK} slots, so an idle client costs one small chunk while a busy one
 * may hold thousands of messages. The consumer hands each chunk it has emptied back as a spare, which the producer
 * takes before it allocates, so a queue that keeps moving allocates nothing. Each slot also keeps how many bytes its
 * message counted against the owner's bound, so that the consumer can give back exactly what was counted.
 */
final class MessageQueue {

    private static final int CHUNK = 32;

    private static final class Chunk {
        final EncodedMessage[] messages = new EncodedMessage[CHUNK];
        final int[] counted = new int[CHUNK];
        /** Set by the producer before it publishes the first message in the next chunk. */
        volatile Chunk next;
    }

    /** How many messages were ever added; written by the producer only, and what publishes its slots. */
    private final AtomicLong tail = new AtomicLong();
    /** How many messages were ever taken; written by the consumer only. */
    private final AtomicLong head = new AtomicLong();
    private final AtomicReference<Chunk> spare = new AtomicReference<>();
    private Chunk producerChunk;
    private Chunk consumerChunk;

    MessageQueue() {
        producerChunk = consumerChunk = new Chunk();
    }

    /** Adds a message; called by the producer only. Message number {@code n} lives in chunk {@code n / CHUNK}. */
    void add(EncodedMessage message, int countedBytes) {
        long sequence = tail.get();
        int slot = (int) (sequence % CHUNK);
        if (slot == 0 && sequence != 0) {
            var next = spare.getAndSet(null);
            producerChunk.next = next == null ? new Chunk() : next;
            producerChunk = producerChunk.next;
        }
        producerChunk.messages[slot] = message;
        producerChunk.counted[slot] = countedBytes;
        tail.set(sequence + 1);
    }

    /**
     * Moves every message added so far into {@code batch}, in order; called by the consumer only.
     *
     * @return the bytes those messages counted when they were added
     */
    long takeAll(List<EncodedMessage> batch) {
        long sequence = head.get();
        long end = tail.get();
        long counted = 0;
        for (; sequence < end; sequence++) {
            int slot = (int) (sequence % CHUNK);
            if (slot == 0 && sequence != 0) {
                moveToNextChunk();
            }
            batch.add(consumerChunk.messages[slot]);
            consumerChunk.messages[slot] = null;
            counted += consumerChunk.counted[slot];
        }
        head.set(end);
        return counted;
    }

    boolean isEmpty() {
        return head.get() == tail.get();
    }

    /** The producer has moved past the emptied chunk for good, so it can have it back as its spare. */
    private void moveToNextChunk() {
        var emptied = consumerChunk;
        consumerChunk = emptied.next;
        emptied.next = null;
        spare.set(emptied);
    }
}
