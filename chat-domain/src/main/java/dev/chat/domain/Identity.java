package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/** Who is behind a connection. It comes from the connection, never from a message. */
public record Identity(String userId, String username) {

    public static final int MAX_USERNAME_LENGTH = 50;
    public static final int MAX_USER_ID_LENGTH = 64;

    public Identity {
        requireNonNull(userId, "userId");
        requireNonNull(username, "username");
    }

    /**
     * Checks what a client asked to be called.
     *
     * @param userId    the requested id; when missing or blank, {@code newUserId} supplies a unique one
     * @param username  required, 1 to {@value #MAX_USERNAME_LENGTH} characters, not blank
     * <p>Neither may hold control characters or characters that reorder text ({@link Text#isPlainName}), so that
     * a name always reads as what it is. The empty userId is the server's own, which only a missing one could be.
     */
    public static Checked<Identity> check(String userId, String username, Supplier<String> newUserId) {
        if (Text.isMissing(username)) {
            return Checked.rejected(ErrorCode.USERNAME_REQUIRED, "username is required");
        }
        if (Text.length(username) > MAX_USERNAME_LENGTH) {
            return Checked.rejected(ErrorCode.USERNAME_TOO_LONG,
                    "username must be at most " + MAX_USERNAME_LENGTH + " characters");
        }
        if (!Text.isPlainName(username)) {
            return Checked.rejected(ErrorCode.USERNAME_INVALID,
                    "username must not contain control characters or characters that reorder text");
        }
        if (Text.isMissing(userId)) {
            return Checked.accepted(new Identity(newUserId.get(), username));
        }
        if (Text.length(userId) > MAX_USER_ID_LENGTH) {
            return Checked.rejected(ErrorCode.USER_ID_TOO_LONG,
                    "userId must be at most " + MAX_USER_ID_LENGTH + " characters");
        }
        if (!Text.isPlainName(userId)) {
            return Checked.rejected(ErrorCode.USER_ID_INVALID,
                    "userId must not contain control characters or characters that reorder text");
        }
        return Checked.accepted(new Identity(userId, username));
    }
}
