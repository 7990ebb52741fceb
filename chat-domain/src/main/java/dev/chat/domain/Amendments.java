package dev.chat.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules for changing a chat after it was posted: only its author edits or deletes it (or an operator deletes
 * it), an edit only within the edit window, a deleted chat is gone for all of these, a user adds each emoji once
 * and a chat carries at most {@link Changes#MAX_EMOJI} different ones.
 *
 * @param editWindow how long after posting its author may edit a chat
 */
public record Amendments(Duration editWindow) {

    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofHours(48);
    public static final Amendments DEFAULT = new Amendments(DEFAULT_EDIT_WINDOW);

    public Amendments {
        if (editWindow.isNegative()) {
            throw new IllegalArgumentException("the edit window is not negative");
        }
    }

    /**
     * The message that makes the change, or why it may not be made. A reaction the user already added, or one it
     * never added taken back, is refused too: so that every request is answered, by its echo or by an error.
     *
     * @param target    the chat as it is now, if the room has it
     * @param moderator whether the user may delete anyone's chat
     */
    public Checked<Message> check(Request.Amend request, Optional<RoomMessage> target, Identity who,
            boolean moderator, Instant now) {
        var chat = target.filter(RoomMessage::isLiveChat).orElse(null);
        if (chat == null) {
            return notFound(request.target(), target);
        }
        boolean own = chat.message().userId().equals(who.userId());
        return switch (request) {
            case Request.Edit edit -> checkEdit(edit, chat, own, who, now);
            case Request.Delete delete -> own || moderator
                    ? Checked.accepted(Message.delete(who, delete.target(), now))
                    : notYours("delete");
            case Request.React react -> checkReaction(react, chat.changes(), who, now);
        };
    }

    /** A deletion by the server itself, through its API: any chat still there, by nobody in particular. */
    public Checked<Message> checkRemoval(long target, Optional<RoomMessage> chat, Instant now) {
        if (chat.filter(RoomMessage::isLiveChat).isEmpty()) {
            return notFound(target, chat);
        }
        return Checked.accepted(Message.deletedByServer(target, now));
    }

    private Checked<Message> checkEdit(Request.Edit edit, RoomMessage chat, boolean own, Identity who,
            Instant now) {
        if (!own) {
            return notYours("edit");
        }
        if (now.isAfter(chat.message().timestamp().plus(editWindow))) {
            return Checked.rejected(ErrorCode.EDIT_WINDOW_PASSED, "a chat may be edited for " + editWindow.toHours()
                    + " hours after it was posted");
        }
        return Checked.accepted(Message.edit(who, edit.target(), edit.content(), now));
    }

    private static Checked<Message> checkReaction(Request.React react, Changes changes, Identity who,
            Instant now) {
        if (react.add() && changes.hasReacted(react.emoji(), who.userId())) {
            return Checked.rejected(ErrorCode.ALREADY_REACTED, "you have already added " + react.emoji() + " to it");
        }
        if (!react.add() && !changes.hasReacted(react.emoji(), who.userId())) {
            return Checked.rejected(ErrorCode.NOT_REACTED, "you have not added " + react.emoji() + " to it");
        }
        if (react.add() && !changes.reactions().containsKey(react.emoji())
                && changes.reactions().size() >= Changes.MAX_EMOJI) {
            return Checked.rejected(ErrorCode.TOO_MANY_REACTIONS, "a chat carries at most " + Changes.MAX_EMOJI
                    + " different emoji");
        }
        return Checked.accepted(Message.reaction(who, react.target(), react.emoji(), react.add(), now));
    }

    private static <T> Checked<T> notFound(long id, Optional<RoomMessage> found) {
        return Checked.rejected(ErrorCode.NOT_FOUND, "there is no chat " + id + " in this room"
                + (found.isPresent() ? " to change any more" : ""));
    }

    private static <T> Checked<T> notYours(String what) {
        return Checked.rejected(ErrorCode.FORBIDDEN, "you may " + what + " only your own chats");
    }
}
