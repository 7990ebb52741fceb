package dev.chat.hub;

import static java.util.Objects.requireNonNull;

import dev.chat.domain.Amendments;
import dev.chat.domain.port.needed.Approvals;
import dev.chat.domain.port.needed.Events;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.domain.port.needed.Throttle;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * How a {@link Hub} runs. Start from {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param broadcastQueueSize client messages the loop may have waiting; past it, posting clients wait
 * @param sendQueueBytes     bytes of messages one client may have waiting to be written; a client that would pass it
 *                           is closed with {@link dev.chat.domain.protocol.CloseReason#TOO_SLOW}, and can resume
 *                           from history
 * @param writeInterval      the shortest time between two writes to one client: what arrives sooner waits and goes
 *                           out with the next write. Zero writes as soon as the last write is done
 * @param presence           how joins and leaves are announced
 * @param roomLimits         how many rooms a connection may be in, and how much history it is sent
 * @param shutdownTimeout    how long {@link Hub#close()} waits for queued messages to be written
 * @param clock              stamps every message; UTC
 * @param threads            makes the loop thread and one writer thread per client; virtual threads by default
 * @param throttle           each connection's budget of messages; {@link Throttle#UNLIMITED} by default
 * @param userThrottle       each user's budget of messages, shared by all its connections; unlimited by default
 * @param telemetry          where the hub reports how long each user's message took to reach its recipients;
 *                           {@link Telemetry#NONE} by default
 * @param amendments         the rules for editing, deleting and reacting to chats; a 48-hour edit window by default
 * @param readMarks          where how far each user has read each room is kept; in memory by default
 * @param readReceipts       who is told that a user has read a room; the room's members by default
 * @param sanctions          where bans and mutes are kept; in memory by default
 * @param nonceWindow        how long a nonce names the message it tagged, so that a resend is not posted again;
 *                           5 minutes by default, zero to forget nonces at once
 * @param approvals          who decides, before the hub acts, whether a member may enter a room and post what; by
 *                           default everything is approved as it is
 * @param events             who is told what happened: each message numbered here, each connection opened and
 *                           closed, each sanction; nobody by default
 */
public record HubSettings(
        int broadcastQueueSize, int sendQueueBytes, Duration writeInterval, Presence presence, RoomLimits roomLimits,
        Duration shutdownTimeout, Clock clock, ThreadFactory threads, Throttle throttle, Throttle userThrottle,
        Telemetry telemetry, Amendments amendments, ReadMarks readMarks, ReadReceipts readReceipts,
        Sanctions sanctions, Duration nonceWindow, Approvals approvals, Events events) {

    public static final int DEFAULT_BROADCAST_QUEUE_SIZE = 256;
    public static final int DEFAULT_SEND_QUEUE_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofMillis(20);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_NONCE_WINDOW = Duration.ofMinutes(5);

    public HubSettings {
        requirePositive(broadcastQueueSize, "broadcastQueueSize");
        requirePositive(sendQueueBytes, "sendQueueBytes");
        requireNonNull(writeInterval, "writeInterval");
        requireNonNull(presence, "presence");
        requireNonNull(roomLimits, "roomLimits");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(clock, "clock");
        requireNonNull(threads, "threads");
        requireNonNull(throttle, "throttle");
        requireNonNull(userThrottle, "userThrottle");
        requireNonNull(telemetry, "telemetry");
        requireNonNull(amendments, "amendments");
        requireNonNull(readMarks, "readMarks");
        requireNonNull(readReceipts, "readReceipts");
        requireNonNull(sanctions, "sanctions");
        requireNonNull(nonceWindow, "nonceWindow");
        requireNonNull(approvals, "approvals");
        requireNonNull(events, "events");
    }

    public static HubSettings defaults() {
        return new HubSettings(
                DEFAULT_BROADCAST_QUEUE_SIZE, DEFAULT_SEND_QUEUE_BYTES, DEFAULT_WRITE_INTERVAL, Presence.DEFAULT,
                RoomLimits.DEFAULT, DEFAULT_SHUTDOWN_TIMEOUT, Clock.systemUTC(),
                Thread.ofVirtual().name("chat-hub-", 0).factory(), Throttle.UNLIMITED,
                Throttle.UNLIMITED, Telemetry.NONE, Amendments.DEFAULT, new InMemoryReadMarks(), ReadReceipts.ROOM,
                new InMemorySanctions(), DEFAULT_NONCE_WINDOW, Approvals.ALL,
                Events.NONE);
    }

    public HubSettings withBroadcastQueueSize(int size) {
        return with(draft -> draft.broadcastQueueSize = size);
    }

    public HubSettings withSendQueueBytes(int bytes) {
        return with(draft -> draft.sendQueueBytes = bytes);
    }

    public HubSettings withWriteInterval(Duration interval) {
        return with(draft -> draft.writeInterval = interval);
    }

    public HubSettings withPresence(Presence newPresence) {
        return with(draft -> draft.presence = newPresence);
    }

    public HubSettings withRoomLimits(RoomLimits limits) {
        return with(draft -> draft.roomLimits = limits);
    }

    public HubSettings withShutdownTimeout(Duration timeout) {
        return with(draft -> draft.shutdownTimeout = timeout);
    }

    public HubSettings withClock(Clock newClock) {
        return with(draft -> draft.clock = newClock);
    }

    public HubSettings withThreads(ThreadFactory newThreads) {
        return with(draft -> draft.threads = newThreads);
    }

    public HubSettings withThrottle(Throttle newThrottle) {
        return with(draft -> draft.throttle = newThrottle);
    }

    public HubSettings withUserThrottle(Throttle newThrottle) {
        return with(draft -> draft.userThrottle = newThrottle);
    }

    public HubSettings withTelemetry(Telemetry newTelemetry) {
        return with(draft -> draft.telemetry = newTelemetry);
    }

    public HubSettings withAmendments(Amendments rules) {
        return with(draft -> draft.amendments = rules);
    }

    public HubSettings withReadMarks(ReadMarks marks) {
        return with(draft -> draft.readMarks = marks);
    }

    public HubSettings withReadReceipts(ReadReceipts receipts) {
        return with(draft -> draft.readReceipts = receipts);
    }

    public HubSettings withEvents(Events told) {
        return with(draft -> draft.events = told);
    }

    public HubSettings withApprovals(Approvals deciding) {
        return with(draft -> draft.approvals = deciding);
    }

    public HubSettings withNonceWindow(Duration window) {
        return with(draft -> draft.nonceWindow = window);
    }

    public HubSettings withSanctions(Sanctions kept) {
        return with(draft -> draft.sanctions = kept);
    }

    /** The one place that copies every field: a change is made to a draft of these settings. */
    private HubSettings with(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return new HubSettings(draft.broadcastQueueSize, draft.sendQueueBytes, draft.writeInterval, draft.presence,
                draft.roomLimits, draft.shutdownTimeout, draft.clock, draft.threads, draft.throttle,
                draft.userThrottle, draft.telemetry, draft.amendments, draft.readMarks, draft.readReceipts,
                draft.sanctions, draft.nonceWindow, draft.approvals,
                draft.events);
    }

    private static final class Draft {
        int broadcastQueueSize;
        int sendQueueBytes;
        Duration writeInterval;
        Presence presence;
        RoomLimits roomLimits;
        Duration shutdownTimeout;
        Clock clock;
        ThreadFactory threads;
        Throttle throttle;
        Throttle userThrottle;
        Telemetry telemetry;
        Amendments amendments;
        ReadMarks readMarks;
        ReadReceipts readReceipts;
        Sanctions sanctions;
        Duration nonceWindow;
        Approvals approvals;
        Events events;

        Draft(HubSettings settings) {
            broadcastQueueSize = settings.broadcastQueueSize;
            sendQueueBytes = settings.sendQueueBytes;
            writeInterval = settings.writeInterval;
            presence = settings.presence;
            roomLimits = settings.roomLimits;
            shutdownTimeout = settings.shutdownTimeout;
            clock = settings.clock;
            threads = settings.threads;
            throttle = settings.throttle;
            userThrottle = settings.userThrottle;
            telemetry = settings.telemetry;
            amendments = settings.amendments;
            readMarks = settings.readMarks;
            readReceipts = settings.readReceipts;
            sanctions = settings.sanctions;
            nonceWindow = settings.nonceWindow;
            approvals = settings.approvals;
            events = settings.events;
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
