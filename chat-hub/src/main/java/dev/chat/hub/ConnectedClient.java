package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.port.needed.Throttle;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.WireFormat;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the transport holds for one connection: each call becomes a command in the loop's inbox, checked first on
 * the caller's thread so that the loop never spends time on input it would refuse. Each message is taken from the
 * connection's budget, then from its user's, which all the user's connections share: over either, the client is
 * told when to retry, and a client that goes on sending through
 * {@link #REFUSALS_BEFORE_CLOSE} refusals in a row is closed with {@link CloseReason#RATE_LIMITED}.
 */
final class ConnectedClient implements Client {

    static final int REFUSALS_BEFORE_CLOSE = 50;

    private final Member member;
    private final Inbox inbox;
    private final Throttle.Budget budget;
    private final Throttle.Budget userBudget;
    private final AtomicInteger refusedInARow = new AtomicInteger();

    ConnectedClient(Member member, Inbox inbox, Throttle.Budget budget, Throttle.Budget userBudget) {
        this.member = member;
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
        long wait = budget.take();
        if (wait == 0) {
            wait = userBudget.take();
        }
        if (wait > 0) {
            refuse(wait);
            return;
        }
        if (refusedInARow.get() != 0) {
            refusedInARow.set(0);
        }
        switch (message.check()) {
            case Checked.Accepted(var request) -> inbox.put(new Command.Post(member, request, System.nanoTime()));
            case Checked.Rejected(var rejection) -> reject(rejection);
        }
    }

    @Override
    public void reject(Rejection rejection) {
        inbox.put(new Command.Reply(member, rejection));
    }

    private void refuse(long waitNanos) {
        if (refusedInARow.incrementAndGet() == REFUSALS_BEFORE_CLOSE) {
            inbox.offer(new Command.Kick(member, CloseReason.RATE_LIMITED));
        } else if (refusedInARow.get() < REFUSALS_BEFORE_CLOSE) {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
            reject(new Rejection(ErrorCode.RATE_LIMITED, "too many messages: retry in " + millis + " ms"));
        }
    }

    @Override
    public void expiring(Instant expires) {
        inbox.offer(new Command.Tell(member, WireFormat.expiring(expires)));
    }

    @Override
    public void renew(RoomAccess access, Instant expires) {
        inbox.offer(new Command.Renew(member, access, expires));
    }

    @Override
    public void disconnect() {
        inbox.offer(new Command.Disconnect(member));
    }
}
