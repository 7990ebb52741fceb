package dev.chat.adapter.redis;

import dev.chat.domain.MessageIds;
import java.time.Clock;

/** The arguments many of {@code chat.lua}'s operations share, as the script reads them. */
record ScriptArguments(RedisSettings settings, Clock clock) {

    /** Where a room's ids start if it has none: from the clock, so that ids never go back if Redis lost its data. */
    String origin() {
        return Long.toString(MessageIds.origin(clock.instant()));
    }

    String maxHistory() {
        return Integer.toString(settings.historyPerRoom());
    }

    String presenceLimit() {
        return Integer.toString(settings.presenceLimit());
    }

    /** A node that stops with a summary due is taken for dead after its timeout; the tally then goes to another. */
    String summaryClaim() {
        return Long.toString(settings.nodeTimeout().toMillis());
    }

    String now() {
        return clock.instant().toString();
    }
}
