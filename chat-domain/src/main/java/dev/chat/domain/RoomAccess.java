package dev.chat.domain;

import static java.util.Objects.requireNonNull;

/**
 * Which rooms one connection may enter, post in, read the history of and list the members of: every room that is
 * not private, and the private rooms its credential grants.
 *
 * @param privateRooms the rooms the server keeps private
 * @param granted      the private rooms this connection may use anyway
 * @param moderates    whether it may delete anyone's chat in the rooms it uses: an operator's, where identities
 *                     are verified
 */
public record RoomAccess(RoomPatterns privateRooms, RoomPatterns granted, boolean moderates) {

    /** Where no room is private: the original protocol, and an embedded hub unless it says otherwise. */
    public static final RoomAccess EVERY_ROOM = new RoomAccess(RoomPatterns.NONE, RoomPatterns.NONE);

    public RoomAccess {
        requireNonNull(privateRooms, "privateRooms");
        requireNonNull(granted, "granted");
    }

    /** A user's access, which moderates nothing. */
    public RoomAccess(RoomPatterns privateRooms, RoomPatterns granted) {
        this(privateRooms, granted, false);
    }

    public boolean permits(String room) {
        return !privateRooms.matches(room) || granted.matches(room);
    }

    /** Why {@link #permits} said no, for the one who asked. */
    public static Rejection forbidden(String room) {
        return new Rejection(ErrorCode.ROOM_FORBIDDEN, "room '" + room + "' is private and your token does not grant it");
    }
}
