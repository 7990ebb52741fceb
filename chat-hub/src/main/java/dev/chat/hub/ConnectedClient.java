package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.port.needed.Approvals;
import dev.chat.domain.port.needed.Throttle;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the transport holds for one connection: each call becomes a command in the loop's inbox, checked first on
 * the caller's thread so that the loop never spends time on input it would refuse. Each message is taken from the
 * connection's budget, then from its user's, which all the user's connections share: over either, the client is
 * told when to retry, and a client that goes on sending through
 * {@link #REFUSALS_BEFORE_CLOSE} refusals in a row is closed with {@link CloseReason#RATE_LIMITED}. Every frame pays,
 * the ones refused included: otherwise a flood of malformed frames would be answered for free, one error each. The
 * one exception is typing, which a client sends while its user types: the first {@link #FREE_TYPING_PER_SECOND} a
 * second are free, so that typing never eats into the budget for chats, and the rest pay like any frame. A request
 * the budget allows is then put to the {@link Approvals}, still on the caller's thread, which may refuse or rewrite it.
 */
final class ConnectedClient implements Client {

    static final int REFUSALS_BEFORE_CLOSE = 50;
    static final int FREE_TYPING_PER_SECOND = 5;

    private final Member member;
    private final Inbox inbox;
    private final Throttle.Budget budget;
    private final Throttle.Budget userBudget;
    private final AtomicInteger refusedInARow = new AtomicInteger();
    private final PerSecond freeTyping = new PerSecond(FREE_TYPING_PER_SECOND);

    private final Approvals approvals;

    ConnectedClient(Member member, Inbox inbox, Throttle.Budget budget, Throttle.Budget userBudget,
            Approvals approvals) {
        this.member = member;
        this.approvals = approvals;
        this.inbox = inbox;
        this.budget = budget;
        this.userBudget = userBudget;
    }

    @Override
    public Identity identity() {
        return member.identity();
    }

    @Override
    public void post(ClientMessage message) {
        boolean free = message.isTyping() && freeTyping.take(System.nanoTime());
        if (!free && !spend()) {
            return;
        }
        switch (message.check().flatMap(request -> approvals.approve(member.identity(), request))) {
            case Checked.Accepted(var request) -> inbox.put(new Command.Post(member, request, System.nanoTime()));
            case Checked.Rejected(var rejection) -> reply(rejection);
        }
    }

    @Override
    public void reject(Rejection rejection) {
        if (spend()) {
            reply(rejection);
        }
    }

    private boolean spend() {
        long wait = budget.take();
        if (wait == 0) {
            wait = userBudget.take();
        }
        if (wait > 0) {
            refuse(wait);
            return false;
        }
        if (refusedInARow.get() != 0) {
            refusedInARow.set(0);
        }
        return true;
    }

    private void reply(Rejection rejection) {
        inbox.put(new Command.Reply(member, rejection));
    }

    private void refuse(long waitNanos) {
        if (refusedInARow.incrementAndGet() == REFUSALS_BEFORE_CLOSE) {
            inbox.offer(new Command.Kick(member, CloseReason.RATE_LIMITED));
        } else if (refusedInARow.get() < REFUSALS_BEFORE_CLOSE) {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
            reply(new Rejection(ErrorCode.RATE_LIMITED, "too many messages: retry in " + millis + " ms"));
        }
    }

    @Override
    public void expiring(Instant expires) {
        inbox.offer(new Command.Tell(member, WireFormat.expiring(expires)));
    }

    @Override
    public void refresh(Supplier<Checked<Renewal>> verify) {
        if (!spend()) {
            return;
        }
        switch (verify.get()) {
            case Checked.Accepted(var renewal) ->
                    inbox.offer(new Command.Renew(member, renewal.access(), renewal.expires()));
            case Checked.Rejected(var rejection) -> reply(rejection);
        }
    }

    @Override
    public void disconnect() {
        inbox.offer(new Command.Disconnect(member));
    }
}
