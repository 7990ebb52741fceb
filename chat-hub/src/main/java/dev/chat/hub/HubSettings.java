package dev.chat.hub;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * How a {@link Hub} runs.
 *
 * @param inboxCapacity   client messages the loop may have waiting; past it, posting clients wait
 * @param sendQueueBytes  bytes of messages one client may have waiting to be written; a client that would pass it is
 *                        closed with {@link dev.chat.domain.CloseReason#TOO_SLOW}, and can resume from history
 * @param writeInterval   the shortest time between two writes to one client: what arrives sooner waits and goes
 *                        out with the next write. Zero writes as soon as the last write is done
 * @param presence        how joins and leaves are announced
 * @param rooms           how many rooms a connection may be in, and how much history it is sent
 * @param shutdownTimeout how long {@link Hub#close()} waits for queued messages to be written
 * @param clock           stamps every message; UTC
 * @param threads         makes the loop thread and one writer thread per client; virtual threads by default
 */
public record HubSettings(
        int inboxCapacity, int sendQueueBytes, Duration writeInterval, Presence presence, RoomLimits rooms,
        Duration shutdownTimeout, Clock clock, ThreadFactory threads) {

    public static final int DEFAULT_INBOX_CAPACITY = 256;
    public static final int DEFAULT_SEND_QUEUE_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofMillis(20);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public HubSettings {
        requirePositive(inboxCapacity, "inboxCapacity");
        requirePositive(sendQueueBytes, "sendQueueBytes");
        requireNonNull(writeInterval, "writeInterval");
        requireNonNull(presence, "presence");
        requireNonNull(rooms, "rooms");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(clock, "clock");
        requireNonNull(threads, "threads");
    }

    public static HubSettings defaults() {
        return new HubSettings(
                DEFAULT_INBOX_CAPACITY, DEFAULT_SEND_QUEUE_BYTES, DEFAULT_WRITE_INTERVAL, Presence.DEFAULT,
                RoomLimits.DEFAULT, DEFAULT_SHUTDOWN_TIMEOUT, Clock.systemUTC(),
                Thread.ofVirtual().name("chat-hub-", 0).factory());
    }

    public HubSettings withInboxCapacity(int capacity) {
        return new HubSettings(
                capacity, sendQueueBytes, writeInterval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withSendQueueBytes(int bytes) {
        return new HubSettings(
                inboxCapacity, bytes, writeInterval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withWriteInterval(Duration interval) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, interval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withPresence(Presence newPresence) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, writeInterval, newPresence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withRooms(RoomLimits limits) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, writeInterval, presence, limits, shutdownTimeout, clock, threads);
    }

    public HubSettings withShutdownTimeout(Duration timeout) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, writeInterval, presence, rooms, timeout, clock, threads);
    }

    public HubSettings withClock(Clock newClock) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, writeInterval, presence, rooms, shutdownTimeout, newClock, threads);
    }

    public HubSettings withThreads(ThreadFactory newThreads) {
        return new HubSettings(
                inboxCapacity, sendQueueBytes, writeInterval, presence, rooms, shutdownTimeout, clock, newThreads);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
