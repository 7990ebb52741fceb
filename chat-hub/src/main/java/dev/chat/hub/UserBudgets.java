package dev.chat.hub;

import dev.chat.domain.port.needed.Throttle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One budget of messages per user, shared by all its connections and forgotten with its last one, so that a user
 * cannot multiply its rate by opening more connections. Safe from any thread.
 */
final class UserBudgets {

    private static final class Shared {
        final Throttle.Budget budget;
        int connections;

        Shared(Throttle.Budget budget) {
            this.budget = budget;
        }
    }

    private final Throttle throttle;
    private final ConcurrentHashMap<String, Shared> byUser = new ConcurrentHashMap<>();

    UserBudgets(Throttle throttle) {
        this.throttle = throttle;
    }

    /** The user's budget, for one more of its connections; give it back with {@link #release}. */
    Throttle.Budget acquire(String userId) {
        if (throttle == Throttle.UNLIMITED) {
            return Throttle.UNLIMITED.newBudget();
        }
        return byUser.compute(userId, (user, shared) -> {
            var counted = shared == null ? new Shared(throttle.newBudget()) : shared;
            counted.connections++;
            return counted;
        }).budget;
    }

    /** One of the user's connections has gone. */
    void release(String userId) {
        byUser.computeIfPresent(userId, (user, shared) -> --shared.connections == 0 ? null : shared);
    }

    /** How many users hold a budget now. */
    int users() {
        return byUser.size();
    }
}
