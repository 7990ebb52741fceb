package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the product's backend does through the hub's operations door, as the hub's clients see it. */
class OperationsTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final Hub hub = new Hub(HubSettings.defaults().withClock(clock), store).start();
    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void a_post_as_the_server_or_as_a_user_reaches_the_room_numbered_as_its_answer_says() throws Exception {
        hub.connect(ALICE, alice);
        alice.next(2);

        var system = accepted(hub.post("global", Optional.empty(), "Maintenance at 22:00"));
        var chat = accepted(hub.post("global", Optional.of(new Identity("ci-bot", "CI")), "Build passed"));

        assertEquals(WireFormat.encode(system).text(), alice.next());
        assertEquals(WireFormat.encode(chat).text(), alice.next());
        assertEquals("system", field(WireFormat.encode(system).text(), "type"));
        assertEquals("ci-bot", chat.message().userId());
        assertEquals(system.id() + 1, chat.id());
    }

    @Test
    void a_post_to_a_room_nobody_is_in_is_kept_and_bad_input_is_refused_as_a_client_s_would_be() throws Exception {
        var kept = accepted(hub.post("later", Optional.empty(), "Welcome"));

        assertEquals(List.of(kept), store.latest("later", 10));
        assertEquals(ErrorCode.INVALID_ROOM, refused(hub.post("no spaces", Optional.empty(), "hi")).code());
        assertEquals(ErrorCode.CONTENT_EMPTY, refused(hub.post("dev", Optional.empty(), " ")).code());
        assertEquals(ErrorCode.CONTENT_TOO_LONG, refused(hub.send("alice", Optional.empty(), "x".repeat(1001))).code());
    }

    @Test
    void a_deletion_by_the_server_reaches_the_room_and_a_second_finds_nothing() throws Exception {
        var aliceClient = hub.connect(ALICE, alice);
        alice.next(2);
        aliceClient.post(ClientMessage.chat("oops"));
        var id = Long.parseLong(field(alice.next(), "id"));

        var deletion = accepted(hub.delete("global", id));

        assertEquals(WireFormat.encode(deletion).text(), alice.next());
        assertEquals(id, deletion.message().target());
        assertEquals("", deletion.message().userId());
        assertEquals(ErrorCode.NOT_FOUND, refused(hub.delete("global", id)).code());
    }

    @Test
    void a_direct_message_reaches_every_connection_of_its_user_or_is_refused_if_there_is_none() throws Exception {
        hub.connect(BOB, bob);
        var bobsPhone = new RecordingConnection();
        hub.connect(BOB, bobsPhone);
        bob.next(2);
        bobsPhone.next(2);

        var direct = accepted(hub.send("bob", Optional.empty(), "Your export is ready"));

        assertEquals(WireFormat.encode(direct).text(), bob.next());
        assertEquals("Your export is ready", field(bobsPhone.next(), "content"));
        assertEquals(ErrorCode.USER_OFFLINE, refused(hub.send("nobody", Optional.empty(), "hello?")).code());
    }

    @Test
    void a_disconnected_user_is_told_why_and_closed_and_its_room_sees_it_leave() throws Exception {
        hub.connect(ALICE, alice);
        alice.next(2);
        hub.connect(BOB, bob);
        bob.next(3);
        alice.next();

        hub.disconnect("bob", "flooding the room");

        var told = bob.next();
        assertEquals("disconnected", field(told, "code"));
        assertEquals("flooding the room", field(told, "message"));
        assertEquals(CloseReason.DISCONNECTED, bob.awaitClosed());
        assertEquals("leave", field(alice.next(), "type"));
        assertEquals(1, hub.info().connections());
    }

    @Test
    void info_tells_a_node_alone_its_counts() throws Exception {
        hub.connect(ALICE, alice);
        alice.next(2);
        var alicesPhone = new RecordingConnection();
        hub.connect(ALICE, alicesPhone);
        alicesPhone.next(2);

        var info = hub.info();

        assertEquals("local", info.node());
        assertEquals(List.of("local"), info.nodes());
        assertEquals(clock.instant(), info.started());
        assertEquals(2, info.connections());
        assertEquals(1, info.users());
        assertEquals(1, info.rooms());
    }

    static <T> T accepted(CompletionStage<Checked<T>> outcome) throws Exception {
        var checked = outcome.toCompletableFuture().get();
        assertTrue(checked instanceof Checked.Accepted<T>, checked.toString());
        return ((Checked.Accepted<T>) checked).value();
    }

    static Rejection refused(CompletionStage<? extends Checked<?>> outcome) throws Exception {
        var checked = outcome.toCompletableFuture().get();
        assertTrue(checked instanceof Checked.Rejected<?>, checked.toString());
        return ((Checked.Rejected<?>) checked).rejection();
    }
}
