package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.protocol.EncodedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageQueueTest {

    private final MessageQueue queue = new MessageQueue();

    @Test
    void messages_come_out_in_the_order_they_went_in_across_many_chunks() {
        var messages = IntStream.range(0, 1_000).mapToObj(i -> EncodedMessage.of("m" + i)).toList();
        messages.forEach(message -> queue.add(message, 1));

        var batch = new ArrayList<EncodedMessage>();
        assertEquals(1_000, queue.takeAll(batch));
        assertEquals(messages, batch);
        assertTrue(queue.isEmpty());
    }

    @Test
    void taking_gives_back_exactly_the_bytes_each_message_counted() {
        queue.add(EncodedMessage.of("live"), 4);
        queue.add(EncodedMessage.of("from history"), 0);
        queue.add(EncodedMessage.of("live again"), 10);

        assertEquals(14, queue.takeAll(new ArrayList<>()));
        assertEquals(0, queue.takeAll(new ArrayList<>()), "nothing is left to count");
    }

    @Test
    void a_queue_that_keeps_moving_across_chunk_boundaries_loses_nothing() {
        var taken = new ArrayList<EncodedMessage>();
        var expected = new ArrayList<EncodedMessage>();
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 7 + round % 40; i++) {
                var message = EncodedMessage.of(round + ":" + i);
                expected.add(message);
                queue.add(message, 1);
            }
            queue.takeAll(taken);
        }
        assertEquals(expected, taken);
    }

    @Test
    void one_producer_and_one_consumer_on_two_threads_see_every_message_once_in_order() throws Exception {
        int count = 200_000;
        var messages = IntStream.range(0, count).mapToObj(i -> EncodedMessage.of(Integer.toString(i))).toList();
        var producer = Thread.ofPlatform().start(() -> messages.forEach(message -> queue.add(message, 1)));
        List<EncodedMessage> received = new ArrayList<>(count);
        long counted = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + received.size() + " arrived");
            counted += queue.takeAll(received);
            Thread.onSpinWait();
        }
        producer.join();
        assertEquals(messages, received);
        assertEquals(count, counted);
    }
}
