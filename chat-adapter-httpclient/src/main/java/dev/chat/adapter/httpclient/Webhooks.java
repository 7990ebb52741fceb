package dev.chat.adapter.httpclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.MessageType;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Events;
import dev.chat.domain.protocol.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed webhooks: each event the hub tells of is queued (never waiting: past the queue's capacity it is dropped,
 * counted, and the first drop logged) and sent by one thread of its own, in order, in batches:
 * {@code {"events":[{"id":..,"type":..,"at":..,...}]}}. A batch that fails is sent again, the same, after a wait that
 * doubles up to a limit, until the receiver takes it: every event at least once, in the order it happened, so in
 * order per room. A receiver recognises a repeat by its {@code id}. Each request carries {@code X-Chat-Timestamp}
 * (Unix seconds) and {@code X-Chat-Signature} ({@link WebhookSignature}).
 *
 * <p>The events: {@code message} (a chat), {@code edit}, {@code delete}, {@code join}, {@code leave} (with the
 * message exactly as clients received it), {@code connect}, {@code disconnect}, {@code ban}, {@code unban},
 * {@code mute}, {@code unmute}. Reactions, presence summaries and system messages are not told.
 */
public final class Webhooks implements Events, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final WebhookSettings settings;
    private final JsonCall call;
    private final WebhookSignature signature;
    private final Clock clock;
    private final BlockingQueue<ChatEvent> queue;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread sender;

    public Webhooks(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.call = new JsonCall(JsonCall.client(settings.timeout()));
        this.signature = new WebhookSignature(settings.secret());
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.sender = Thread.ofPlatform().name("chat-webhooks").daemon().start(this::sendUntilClosed);
    }

    /** Queued as it is: described and encoded on the sender's thread, never the caller's. */
    @Override
    public void happened(ChatEvent event) {
        if (told(event) && !queue.offer(event) && dropped.incrementAndGet() == 1) {
            LOG.log(Level.WARNING, "the webhook queue is full (" + settings.capacity() + " events): events are "
                    + "dropped from now on, and counted in chat_webhook_events_dropped_total");
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events the receiver took. */
    public long delivered() {
        return delivered.get();
    }

    /** Requests the receiver did not take, each retried. */
    public long failedRequests() {
        return failedRequests.get();
    }

    /** Events waiting to be sent. */
    public int queued() {
        return queue.size();
    }

    /** Stops sending; what is still queued is not sent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sender.interrupt();
            if (!queue.isEmpty()) {
                LOG.log(Level.WARNING, queue.size() + " webhook events were still queued at shutdown; not sent");
            }
        }
    }

    private void sendUntilClosed() {
        var batch = new ArrayList<ChatEvent>(settings.batch());
        try {
            while (!closed.get()) {
                batch.add(queue.take());
                queue.drainTo(batch, settings.batch() - 1);
                sendUntilTaken(batch.stream().map(this::described).toList());
                delivered.addAndGet(batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendUntilTaken(List<ObjectNode> batch) throws InterruptedException {
        var body = body(batch);
        var wait = settings.firstWait();
        for (int attempt = 1; ; attempt++) {
            long timestamp = clock.instant().getEpochSecond();
            var failure = call.deliver(settings.url(), body, settings.timeout(), Map.of(
                    WebhookSignature.TIMESTAMP, Long.toString(timestamp),
                    WebhookSignature.SIGNATURE, signature.sign(timestamp, body)));
            if (failure.isEmpty()) {
                return;
            }
            failedRequests.incrementAndGet();
            if (attempt == 1 || Long.bitCount(attempt) == 1) {
                LOG.log(Level.WARNING, "the webhook receiver did not take " + batch.size() + " events (" + failure.get()
                        + "); attempt " + attempt + ", trying again in " + wait.toMillis() + " ms");
            }
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            wait = min(wait.multipliedBy(2), settings.lastWait());
        }
    }

    private byte[] body(List<ObjectNode> batch) {
        var body = json.createObjectNode();
        body.putArray("events").addAll(batch);
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean told(ChatEvent event) {
        return !(event instanceof ChatEvent.Posted(var posted)) || posted(posted.message().type()).isPresent();
    }

    /** The event as the receiver is told it. A message's id is its room's and its own: the same in every retry. */
    private ObjectNode described(ChatEvent event) {
        return switch (event) {
            case ChatEvent.Posted(var posted) -> head(posted.room() + "/" + posted.id(),
                    posted(posted.message().type()).orElseThrow(), event.at())
                    .put("room", posted.room())
                    .set("message", tree(WireFormat.encode(posted).text()));
            case ChatEvent.Connected(var who, var at) -> head(UUID.randomUUID().toString(), "connect", at)
                    .put("userId", who.userId()).put("username", who.username());
            case ChatEvent.Disconnected(var who, var at) -> head(UUID.randomUUID().toString(), "disconnect", at)
                    .put("userId", who.userId()).put("username", who.username());
            case ChatEvent.Sanctioned(SanctionChange.Imposed(var sanction), var at) -> head(
                    UUID.randomUUID().toString(), sanction.kind().wireName(), at)
                    .put("userId", sanction.userId())
                    .put("until", sanction.until().map(Instant::toString).orElse(null))
                    .put("reason", sanction.reason());
            case ChatEvent.Sanctioned(SanctionChange.Lifted(var userId, var kind), var at) -> head(
                    UUID.randomUUID().toString(), kind == Sanction.Kind.BAN ? "unban" : "unmute", at)
                    .put("userId", userId);
        };
    }

    private static Optional<String> posted(MessageType type) {
        return switch (type) {
            case CHAT -> Optional.of("message");
            case EDIT -> Optional.of("edit");
            case DELETE -> Optional.of("delete");
            case JOIN -> Optional.of("join");
            case LEAVE -> Optional.of("leave");
            case SYSTEM, DIRECT, REACT, UNREACT -> Optional.empty();
        };
    }

    private ObjectNode head(String id, String type, Instant at) {
        return json.createObjectNode().put("id", id).put("type", type).put("at", at.toString());
    }

    private ObjectNode tree(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
