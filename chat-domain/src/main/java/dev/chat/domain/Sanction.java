package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the product's backend imposed on a user through the server API: a ban (its connections are closed, and it
 * may not connect) or a mute (it stays, but everything it posts is refused).
 *
 * @param until when it ends by itself; empty for until lifted
 * @param at    when it was imposed
 */
public record Sanction(String userId, Kind kind, Optional<Instant> until, String reason, Instant at) {

    public static final int MAX_REASON_LENGTH = 200;

    public enum Kind {
        BAN, MUTE;

        /** As in the server API's paths and on the wire: {@code ban}, {@code mute}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Sanction {
        requireNonNull(userId, "userId");
        requireNonNull(kind, "kind");
        requireNonNull(until, "until");
        requireNonNull(reason, "reason");
        requireNonNull(at, "at");
    }

    /** Whether it holds at {@code now}: imposed, and not yet run out. */
    public boolean holdsAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }

    /** What the user is told, in an error frame or an HTTP refusal. */
    public Rejection rejection() {
        var end = until.map(instant -> " until " + instant).orElse("");
        return switch (kind) {
            case BAN -> new Rejection(ErrorCode.BANNED, "you are banned" + end + (reason.isEmpty() ? "" : ": " + reason));
            case MUTE -> new Rejection(ErrorCode.MUTED, "you are muted" + end + (reason.isEmpty() ? "" : ": " + reason)
                    + "; nothing you post is sent");
        };
    }

    /** A reason fit to be shown: at most {@link #MAX_REASON_LENGTH} characters, one plain line. */
    public static Checked<String> checkReason(String reason) {
        if (reason == null) {
            return Checked.accepted("");
        }
        if (Text.length(reason) > MAX_REASON_LENGTH || !Text.isPlainName(reason)) {
            return Checked.rejected(ErrorCode.INVALID_PARAMETER, "reason must be at most " + MAX_REASON_LENGTH
                    + " characters, with no control characters");
        }
        return Checked.accepted(reason);
    }
}
