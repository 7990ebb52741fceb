package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.OperationsTest.accepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chat or edit sent twice with one nonce is posted once; its sender, and only it, sees the nonce. */
class IdempotentSendsTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Hub hub = new Hub(HubSettings.defaults().withClock(clock), new InMemoryMessageStore()).start();
    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void a_resent_chat_is_posted_once_and_its_sender_alone_is_sent_the_original_again() throws Exception {
        var aliceClient = hub.connect(ALICE, alice);
        alice.next(2);
        hub.connect(BOB, bob);
        bob.next(3);
        alice.next();

        aliceClient.post(ClientMessage.chat("hello").withNonce("n-1"));
        var echoed = alice.next();
        var seen = bob.next();
        aliceClient.post(ClientMessage.chat("hello").withNonce("n-1"));
        var again = alice.next();
        aliceClient.post(ClientMessage.chat("next"));

        assertEquals("n-1", field(echoed, "nonce"));
        assertFalse(seen.contains("nonce"), "nobody else sees it: " + seen);
        assertEquals(echoed, again);
        assertEquals("next", field(bob.next(), "content"), "bob got the chat once");
        assertEquals(Long.parseLong(field(echoed, "id")) + 1, Long.parseLong(field(alice.next(), "id")));
    }

    @Test
    void a_resent_edit_is_applied_once_and_a_post_through_the_api_with_one_nonce_answers_the_first() throws Exception {
        var aliceClient = hub.connect(ALICE, alice);
        alice.next(2);
        aliceClient.post(ClientMessage.chat("helo"));
        var id = field(alice.next(), "id");
        var edit = ClientMessage.about("edit", null, id, "hello", null).withNonce("e-1");

        aliceClient.post(edit);
        var applied = alice.next();
        aliceClient.post(edit);

        assertEquals(applied, alice.next());
        var tag = Optional.of(new Nonce("k-1"));
        var posted = accepted(hub.post("global", Optional.empty(), "Deploying", tag));
        assertEquals(posted, accepted(hub.post("global", Optional.empty(), "Deploying", tag)));
        alice.next();
        aliceClient.post(ClientMessage.chat("after"));
        assertEquals(posted.id() + 1, Long.parseLong(field(alice.next(), "id")), "nothing was posted twice");
    }

    @Test
    void past_the_window_the_same_nonce_posts_anew() throws Exception {
        var aliceClient = hub.connect(ALICE, alice);
        alice.next(2);
        aliceClient.post(ClientMessage.chat("ping").withNonce("n-1"));
        var first = Long.parseLong(field(alice.next(), "id"));

        clock.advance(HubSettings.DEFAULT_NONCE_WINDOW);
        aliceClient.post(ClientMessage.chat("ping").withNonce("n-1"));

        assertEquals(first + 1, Long.parseLong(field(alice.next(), "id")));
    }
}
