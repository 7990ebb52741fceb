package dev.chat.domain;

/** Where a client resumes a room: the id of the last message it saw there. */
public final class ResumePoint {

    private ResumePoint() {}

    /** A resume point: the id of the last message the client saw, in decimal; null when there is none. */
    public static Checked<Long> check(String since) {
        if (since == null || since.isEmpty()) {
            return Checked.accepted(null);
        }
        try {
            long id = Long.parseLong(since);
            if (id >= 0) {
                return Checked.accepted(id);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        return Checked.rejected(ErrorCode.INVALID_SINCE, "since must be the id of a message, such as \"42\"");
    }
}
