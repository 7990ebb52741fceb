package dev.chat.adapter.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.port.needed.Admissions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hooks against a real HTTP server playing the backend: willing, refusing, rewriting, slow, broken, hostile. */
class HttpHooksTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final FakeBackend backend = new FakeBackend();

    HttpHooksTest() throws Exception {}

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void the_connect_hook_is_given_the_claim_the_room_the_address_and_the_headers_it_asked_for_and_names_the_user()
            throws Exception {
        backend.answering(request -> FakeBackend.Answer.json("{\"allow\":true,\"userId\":\"u-42\",\"username\":\"Alice\","
                + "\"rooms\":[\"team-red\"],\"expiresAt\":\"2026-12-06T18:00:00Z\"}"));

        var verdict = hooks(HookSettings.OnFailure.DENY).decide(new Admissions.Attempt(Optional.empty(), "dev",
                "10.0.0.7", Map.of("cookie", "session=abc", "Authorization", "Bearer not-for-the-hook")));

        assertEquals(Checked.accepted(new Admissions.Admitted(Optional.of(new Identity("u-42", "Alice")),
                List.of("team-red"), Optional.of(Instant.parse("2026-12-06T18:00:00Z")))), verdict);
        var sent = new ObjectMapper().readTree(backend.received.take().body());
        assertEquals("{\"userId\":null,\"username\":null,\"room\":\"dev\",\"address\":\"10.0.0.7\","
                + "\"headers\":{\"Cookie\":\"session=abc\"}}", sent.toString());
    }

    @Test
    void a_refusal_carries_the_backend_s_reason_to_the_client() {
        backend.answering(request -> FakeBackend.Answer.json("{\"allow\":false,\"reason\":\"please log in\"}"));

        assertEquals(Checked.rejected(ErrorCode.HOOK_REFUSED, "please log in"), hooks(HookSettings.OnFailure.ALLOW)
                .decide(new Admissions.Attempt(Optional.of(ALICE), "dev", "10.0.0.7", Map.of())));
        assertEquals(Checked.rejected(ErrorCode.HOOK_REFUSED, "please log in"),
                hooks(HookSettings.OnFailure.ALLOW).approve(ALICE, new Request.Subscribe("dev", null)));
    }

    @Test
    void the_publish_hook_may_rewrite_what_is_posted_keeping_its_nonce() throws Exception {
        backend.answering(request -> FakeBackend.Answer.json("{\"allow\":true,\"content\":\"I love ***\"}"));
        var chat = new Request.Chat("dev", "I love spam", Optional.of(new Nonce("n-1")));

        assertEquals(Checked.accepted(new Request.Chat("dev", "I love ***", Optional.of(new Nonce("n-1")))),
                hooks(HookSettings.OnFailure.DENY).approve(ALICE, chat));
        assertEquals("{\"type\":\"chat\",\"userId\":\"alice\",\"username\":\"Alice\",\"room\":\"dev\",\"to\":null,"
                + "\"content\":\"I love spam\"}", backend.received.take().body());
        assertEquals(Checked.accepted(new Request.Direct("bob", "I love ***")),
                hooks(HookSettings.OnFailure.DENY).approve(ALICE, new Request.Direct("bob", "I love spam")));
    }

    @Test
    void requests_the_hooks_do_not_cover_and_hooks_not_set_pass_as_they_are() {
        var onlyConnect = new HttpHooks(new HookSettings(Optional.of(backend.url("/connect")), Optional.empty(),
                Optional.empty(), TIMEOUT, HookSettings.OnFailure.DENY, List.of()));
        var chat = new Request.Chat("dev", "hi");

        assertEquals(Checked.accepted(chat), onlyConnect.approve(ALICE, chat));
        assertEquals(Checked.accepted(new Request.Typing("dev")),
                hooks(HookSettings.OnFailure.DENY).approve(ALICE, new Request.Typing("dev")));
        assertTrue(backend.received.isEmpty(), "nothing was asked");
    }

    @Test
    void a_hook_too_slow_to_answer_means_what_the_failure_policy_says_and_holds_nobody_longer_than_the_timeout() {
        backend.answering(request -> new FakeBackend.Answer(200, "{\"allow\":true}".getBytes(), Map.of(),
                backend.released));
        var attempt = new Admissions.Attempt(Optional.of(ALICE), "dev", "10.0.0.7", Map.of());

        long started = System.nanoTime();
        assertEquals(ErrorCode.HOOK_UNAVAILABLE, rejection(hooks(HookSettings.OnFailure.DENY).decide(attempt)).code());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "it gave up on its own");
        assertEquals(Checked.accepted(Admissions.Admitted.AS_CLAIMED), hooks(HookSettings.OnFailure.ALLOW).decide(attempt));
    }

    @Test
    void a_broken_or_hostile_backend_counts_as_a_failure_never_as_a_yes() {
        var attempt = new Admissions.Attempt(Optional.of(ALICE), "dev", "10.0.0.7", Map.of());
        var answers = List.of(
                FakeBackend.Answer.status(500),
                FakeBackend.Answer.json("not json"),
                FakeBackend.Answer.json("[\"allow\"]"),
                FakeBackend.Answer.json("{\"allowed\":true}"),
                FakeBackend.Answer.json("{\"allow\":true,\"userId\":\"x\\ny\",\"username\":\"X\"}"),
                FakeBackend.Answer.json("{\"allow\":true,\"expiresAt\":\"tomorrow\"}"),
                FakeBackend.Answer.json("{\"allow\":true,\"rooms\":[1]}"),
                new FakeBackend.Answer(200, ("{\"allow\":true,\"pad\":\"" + "x".repeat(200_000) + "\"}").getBytes(),
                        Map.of(), new java.util.concurrent.CountDownLatch(0)),
                new FakeBackend.Answer(302, new byte[0], Map.of("Location", backend.url("/connect").toString()),
                        new java.util.concurrent.CountDownLatch(0)));
        for (var answer : answers) {
            backend.answering(request -> answer);
            assertEquals(ErrorCode.HOOK_UNAVAILABLE, rejection(hooks(HookSettings.OnFailure.DENY).decide(attempt)).code(),
                    answer.status() + " " + new String(answer.body()).substring(0, Math.min(40, answer.body().length)));
        }
        backend.answering(request -> FakeBackend.Answer.json("{\"allow\":true,\"content\":\"\"}"));
        assertEquals(ErrorCode.HOOK_UNAVAILABLE, rejection(hooks(HookSettings.OnFailure.DENY)
                .approve(ALICE, new Request.Chat("dev", "hi"))).code(), "a rewrite no client could send");
    }

    @Test
    void a_backend_that_cannot_be_reached_is_a_failure_too() {
        var nowhere = new HttpHooks(new HookSettings(Optional.of(URI.create("http://127.0.0.1:9/connect")),
                Optional.empty(), Optional.empty(), TIMEOUT, HookSettings.OnFailure.DENY, List.of()));

        assertEquals(ErrorCode.HOOK_UNAVAILABLE, rejection(nowhere.decide(
                new Admissions.Attempt(Optional.of(ALICE), "dev", "10.0.0.7", Map.of()))).code());
    }

    private HttpHooks hooks(HookSettings.OnFailure failure) {
        return new HttpHooks(new HookSettings(Optional.of(backend.url("/connect")), Optional.of(backend.url("/subscribe")),
                Optional.of(backend.url("/publish")), TIMEOUT, failure, List.of("Cookie")));
    }

    private static Rejection rejection(Checked<?> checked) {
        assertTrue(checked instanceof Checked.Rejected<?>, checked.toString());
        return ((Checked.Rejected<?>) checked).rejection();
    }
}
