package dev.chat.domain;

import java.util.Optional;

/**
 * A client's own tag on something it posts, so that posting it again (a resend after a reconnect) does not post it
 * twice: within the nonce window, the same nonce from the same user in the same room names the message already
 * posted, which its sender is sent again instead. Only the sender's connections ever see a message's nonce.
 */
public record Nonce(String value) {

    public static final int MAX_LENGTH = 64;

    /** None if absent; else 1 to {@value #MAX_LENGTH} characters, without control or reordering characters. */
    public static Checked<Optional<Nonce>> check(String value) {
        if (value == null) {
            return Checked.accepted(Optional.empty());
        }
        if (value.isEmpty() || Text.length(value) > MAX_LENGTH || !Text.isPlainName(value)) {
            return Checked.rejected(ErrorCode.INVALID_NONCE, "a nonce is 1 to " + MAX_LENGTH
                    + " characters, with no control characters");
        }
        return Checked.accepted(Optional.of(new Nonce(value)));
    }
}
