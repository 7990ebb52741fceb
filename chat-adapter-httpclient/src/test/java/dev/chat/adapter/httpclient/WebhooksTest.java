package dev.chat.adapter.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real HTTP server as the receiver: signed, in order, at least once, through an outage. */
class WebhooksTest {

    private static final String SECRET = "a-webhook-secret-for-the-tests";
    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeBackend receiver = new FakeBackend();
    private Webhooks webhooks;

    WebhooksTest() throws Exception {}

    @AfterEach
    void stop() {
        webhooks.close();
        receiver.close();
    }

    @Test
    void each_event_is_told_once_in_order_signed_over_its_timestamp_and_body() throws Exception {
        webhooks = webhooks(100, Duration.ofMillis(10));
        var chat = new RoomMessage("dev", 41, Message.chat(ALICE, "hi", AT));

        webhooks.happened(new ChatEvent.Connected(ALICE, AT));
        webhooks.happened(new ChatEvent.Posted(chat));
        webhooks.happened(new ChatEvent.Posted(new RoomMessage("dev", 42, Message.reaction(ALICE, 41, "+1", true, AT))));
        webhooks.happened(new ChatEvent.Posted(new RoomMessage("dev", 43, Message.edit(ALICE, 41, "hi!", AT))));
        webhooks.happened(new ChatEvent.Sanctioned(new SanctionChange.Imposed(new Sanction("mallory",
                Sanction.Kind.BAN, Optional.empty(), "spam", AT)), AT));
        webhooks.happened(new ChatEvent.Disconnected(ALICE, AT));

        var taken = takenRequests(5);
        var events = new ArrayList<JsonNode>();
        for (var request : taken) {
            JSON.readTree(request.body()).get("events").forEach(events::add);
        }
        assertEquals(List.of("connect", "message", "edit", "ban", "disconnect"),
                events.stream().map(event -> event.get("type").asText()).toList(), "reactions are not told");
        assertEquals("dev/41", events.get(1).get("id").asText());
        assertEquals("hi", events.get(1).get("message").get("content").asText());
        assertEquals("mallory", events.get(3).get("userId").asText());
        for (var request : taken) {
            var timestamp = request.headers().get("X-chat-timestamp").getFirst();
            assertTrue(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()) < 60);
            assertEquals(new WebhookSignature(SECRET).sign(Long.parseLong(timestamp), request.body().getBytes()),
                    request.headers().get("X-chat-signature").getFirst());
        }
    }

    @Test
    void a_receiver_that_is_down_for_a_while_gets_every_event_afterwards_once_each_by_id_in_order() throws Exception {
        var refusals = new AtomicInteger();
        receiver.answering(request -> refusals.incrementAndGet() <= 20 ? FakeBackend.Answer.status(503)
                : FakeBackend.Answer.json("{}"));
        webhooks = webhooks(10_000, Duration.ofMillis(2));

        for (int id = 1; id <= 1000; id++) {
            webhooks.happened(new ChatEvent.Posted(new RoomMessage("dev", id, Message.chat(ALICE, "m" + id, AT))));
        }

        var taken = new ArrayList<String>();
        for (var request : takenRequests(1000)) {
            JSON.readTree(request.body()).get("events").forEach(event -> taken.add(event.get("id").asText()));
        }
        var expected = new ArrayList<String>();
        for (int id = 1; id <= 1000; id++) {
            expected.add("dev/" + id);
        }
        assertEquals(expected, taken);
        assertEquals(20, webhooks.failedRequests());
        assertEquals(1000, webhooks.delivered());
    }

    @Test
    void past_its_capacity_the_queue_drops_and_counts_and_never_makes_the_hub_wait() throws Exception {
        var held = new CountDownLatch(1);
        receiver.answering(request -> new FakeBackend.Answer(200, new byte[0], java.util.Map.of(), held));
        webhooks = webhooks(10, Duration.ofMillis(10));

        for (int id = 1; id <= 100; id++) {
            webhooks.happened(new ChatEvent.Connected(ALICE, AT));
        }

        assertTrue(webhooks.dropped() >= 80, webhooks.dropped() + " dropped");
        assertTrue(webhooks.queued() <= 10);
        held.countDown();
    }

    private Webhooks webhooks(int capacity, Duration firstWait) {
        return new Webhooks(new WebhookSettings(receiver.url("/events"), SECRET, capacity, 100, Duration.ofSeconds(2),
                firstWait, firstWait.multipliedBy(4)), Clock.systemUTC());
    }

    /** The requests the receiver took, until they carried {@code events} events. */
    private List<FakeBackend.Received> takenRequests(int events) throws Exception {
        var taken = new ArrayList<FakeBackend.Received>();
        int seen = 0;
        while (seen < events) {
            var request = receiver.received.poll(10, TimeUnit.SECONDS);
            assertTrue(request != null, "only " + seen + " events arrived");
            if (!request.taken()) {
                continue;
            }
            taken.add(request);
            seen += JSON.readTree(request.body()).get("events").size();
        }
        return taken;
    }
}
