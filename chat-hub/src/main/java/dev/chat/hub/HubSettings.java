package dev.chat.hub;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * How a {@link Hub} runs.
 *
 * @param inboxCapacity   client messages the loop may have waiting; past it, posting clients wait
 * @param outboxCapacity  messages one client may have waiting to be written; past it, that client misses messages
 * @param writeInterval   the shortest time between two writes to one client: what arrives sooner waits and goes
 *                        out with the next write. Zero writes as soon as the last write is done
 * @param presence        how joins and leaves are announced
 * @param rooms           how many rooms a connection may be in, and how much history it is sent
 * @param shutdownTimeout how long {@link Hub#close()} waits for queued messages to be written
 * @param clock           stamps every message; UTC
 * @param threads         makes the loop thread and one writer thread per client; virtual threads by default
 */
public record HubSettings(
        int inboxCapacity, int outboxCapacity, Duration writeInterval, Presence presence, RoomLimits rooms,
        Duration shutdownTimeout, Clock clock, ThreadFactory threads) {

    public static final int DEFAULT_INBOX_CAPACITY = 256;
    public static final int DEFAULT_OUTBOX_CAPACITY = 256;
    public static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofMillis(20);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public HubSettings {
        requirePositive(inboxCapacity, "inboxCapacity");
        requirePositive(outboxCapacity, "outboxCapacity");
        requireNonNull(writeInterval, "writeInterval");
        requireNonNull(presence, "presence");
        requireNonNull(rooms, "rooms");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(clock, "clock");
        requireNonNull(threads, "threads");
    }

    public static HubSettings defaults() {
        return new HubSettings(
                DEFAULT_INBOX_CAPACITY, DEFAULT_OUTBOX_CAPACITY, DEFAULT_WRITE_INTERVAL, Presence.DEFAULT,
                RoomLimits.DEFAULT, DEFAULT_SHUTDOWN_TIMEOUT, Clock.systemUTC(),
                Thread.ofVirtual().name("chat-hub-", 0).factory());
    }

    public HubSettings withInboxCapacity(int capacity) {
        return new HubSettings(
                capacity, outboxCapacity, writeInterval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withOutboxCapacity(int capacity) {
        return new HubSettings(
                inboxCapacity, capacity, writeInterval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withWriteInterval(Duration interval) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, interval, presence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withPresence(Presence newPresence) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, writeInterval, newPresence, rooms, shutdownTimeout, clock, threads);
    }

    public HubSettings withRooms(RoomLimits limits) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, writeInterval, presence, limits, shutdownTimeout, clock, threads);
    }

    public HubSettings withShutdownTimeout(Duration timeout) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, writeInterval, presence, rooms, timeout, clock, threads);
    }

    public HubSettings withClock(Clock newClock) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, writeInterval, presence, rooms, shutdownTimeout, newClock, threads);
    }

    public HubSettings withThreads(ThreadFactory newThreads) {
        return new HubSettings(
                inboxCapacity, outboxCapacity, writeInterval, presence, rooms, shutdownTimeout, clock, newThreads);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
