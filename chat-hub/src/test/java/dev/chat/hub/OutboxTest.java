package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the writer writes: at once while a client's messages come one write at a time, and once they queue up
 * behind a write, gathered for a write interval so that a busy client gets many frames per network write.
 */
class OutboxTest {

    /** Long enough that a test which waited it out would fail on its ten-second receive timeout. */
    private static final Duration WRITE_INTERVAL = Duration.ofMinutes(1);

    private final TrackingThreads threads = new TrackingThreads();
    private final RecordingConnection connection = new RecordingConnection();
    private final Outbox outbox = new Outbox(connection, 16_000, WRITE_INTERVAL, threads, () -> {});

    @AfterEach
    void stopWriter() throws InterruptedException {
        connection.resume();
        outbox.finish(CloseReason.GOING_AWAY);
        threads.assertAllEnded();
    }

    @Test
    void a_client_written_one_message_at_a_time_is_written_to_at_once_however_long_the_write_interval()
            throws InterruptedException {
        outbox.start();
        for (int i = 0; i < 5; i++) {
            outbox.offer(EncodedMessage.of("m" + i));
            assertEquals("m" + i, connection.next());
        }
        assertEquals(5, connection.sendCalls());
    }

    @Test
    void once_messages_queue_up_behind_a_write_the_next_ones_gather_for_the_write_interval()
            throws InterruptedException {
        connection.stalled();
        outbox.start();
        outbox.offer(EncodedMessage.of("first"));
        connection.awaitSendEntered();
        outbox.offer(EncodedMessage.of("queued-1"));
        outbox.offer(EncodedMessage.of("queued-2"));
        connection.resume();
        assertEquals(List.of("first", "queued-1", "queued-2"), connection.next(3));
        assertEquals(2, connection.sendCalls(), "the two that queued behind the first write went out together");

        outbox.offer(EncodedMessage.of("gathered-0"));
        awaitWriterWaitingOutTheInterval();
        var gathered = IntStream.range(0, 5).mapToObj(i -> "gathered-" + i).toList();
        gathered.stream().skip(1).map(EncodedMessage::of).forEach(outbox::offer);
        assertEquals(2, connection.sendCalls(), "nothing is written while the interval runs");

        outbox.finish(CloseReason.GOING_AWAY);
        assertEquals(gathered, connection.next(5));
        assertEquals(3, connection.sendCalls(), "finishing wrote what had gathered in one write");
    }

    @Test
    void a_write_the_transport_asks_for_is_made_by_the_writer_even_with_no_message_queued()
            throws InterruptedException {
        outbox.start();
        outbox.offer(EncodedMessage.of("first"));
        assertEquals("first", connection.next());

        connection.requestWrite();
        awaitSendCalls(2);
        outbox.offer(EncodedMessage.of("after"));
        assertEquals("after", connection.next());
        assertEquals(3, connection.sendCalls(), "the asked-for write carried no message and was made once");
    }

    private void awaitSendCalls(int calls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(RecordingConnection.WAIT_SECONDS).toNanos();
        while (connection.sendCalls() < calls) {
            assertTrue(System.nanoTime() < deadline, "the writer never wrote: " + connection.sendCalls());
            Thread.onSpinWait();
        }
    }

    private void awaitWriterWaitingOutTheInterval() {
        var writer = threads.first();
        long deadline = System.nanoTime() + Duration.ofSeconds(RecordingConnection.WAIT_SECONDS).toNanos();
        while (writer.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the writer never waited out the interval: " + writer.getState());
            Thread.onSpinWait();
        }
    }
}
