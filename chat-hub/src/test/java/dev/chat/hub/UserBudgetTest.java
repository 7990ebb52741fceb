package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chat.domain.port.needed.Throttle;
import dev.chat.domain.protocol.ClientMessage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's budget of messages is shared by all its connections: more connections do not buy more messages. */
class UserBudgetTest {

    private static final long WAIT_NANOS = 250_000_000;

    private final TrackingThreads threads = new TrackingThreads();
    /** Each budget lets three messages through. */
    private final Throttle threeEach = () -> {
        var allowance = new AtomicInteger(3);
        return () -> allowance.getAndDecrement() > 0 ? 0 : WAIT_NANOS;
    };
    private final Hub hub = new Hub(HubSettings.defaults().withRoomLimits(new RoomLimits(20, 0, 100))
            .withThreads(threads).withUserThrottle(threeEach)).start();

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void two_connections_of_one_user_share_one_budget_and_another_user_has_its_own() throws InterruptedException {
        var firstTab = new RecordingConnection();
        var secondTab = new RecordingConnection();
        var bob = new RecordingConnection();
        var alice1 = hub.connect(HubFixture.ALICE, firstTab);
        var alice2 = hub.connect(HubFixture.ALICE, secondTab);
        var bobClient = hub.connect(HubFixture.BOB, bob);
        firstTab.next(3);
        secondTab.next(2);
        bob.next(2);

        alice1.post(ClientMessage.chat("a1"));
        alice1.post(ClientMessage.chat("a2"));
        alice2.post(ClientMessage.chat("a3"));
        alice2.post(ClientMessage.chat("a4"));
        bobClient.post(ClientMessage.chat("b1"));

        var toSecondTab = secondTab.next(4);
        assertEquals("a3", field(toSecondTab.get(2), "content"));
        assertEquals("rate_limited", field(toSecondTab.get(3), "code"), "the fourth of alice's messages");
        assertEquals("b1", field(bob.next(4).get(3), "content"), "bob's own budget is untouched");
    }

    @Test
    void a_few_typing_signals_a_second_are_free_and_the_rest_pay_like_any_message() throws InterruptedException {
        var tab = new RecordingConnection();
        var alice = hub.connect(HubFixture.ALICE, tab);
        tab.next(2);
        var typing = new ClientMessage("typing", null, null, null, null);

        for (int i = 0; i < ConnectedClient.FREE_TYPING_PER_SECOND; i++) {
            alice.post(typing);
        }
        alice.post(ClientMessage.chat("c1"));
        alice.post(ClientMessage.chat("c2"));
        alice.post(ClientMessage.chat("c3"));

        assertEquals("c3", field(tab.next(3).get(2), "content"), "the typing took nothing of the three");
        alice.post(typing);
        assertEquals("rate_limited", field(tab.next(), "code"),
                "within one second the next typing pays, from a budget now spent");
    }

    @Test
    void a_users_budget_is_kept_while_it_has_a_connection_and_forgotten_with_the_last() {
        var budgets = new UserBudgets(threeEach);

        var first = budgets.acquire("alice");
        var second = budgets.acquire("alice");
        budgets.release("alice");

        assertSame(first, second);
        assertEquals(1, budgets.users());
        budgets.release("alice");
        assertEquals(0, budgets.users());
        assertEquals(0, new UserBudgets(Throttle.UNLIMITED).acquire("anyone").take());
    }
}
