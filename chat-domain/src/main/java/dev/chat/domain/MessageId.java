package dev.chat.domain;

/** The id of a message in its room, as a client names one to edit, delete, react to or mark read. */
public final class MessageId {

    private MessageId() {}

    public static Checked<Long> check(String id) {
        if (id != null && !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long value = Long.parseLong(id);
                if (value >= 1) {
                    return Checked.accepted(value);
                }
            } catch (NumberFormatException tooLarge) {
                // refused below, as any id that names no message
            }
        }
        return Checked.rejected(ErrorCode.INVALID_ID, "id must be the id of a message in the room, such as \"42\"");
    }
}
