package dev.chat.domain;

import java.util.regex.Pattern;

/** What a room may be called, and the room everyone is in unless they ask for another. */
public final class RoomName {

    /** The room of a connection that names none: the one room of the original protocol. */
    public static final String GLOBAL = "global";
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_NAME_LENGTH + "}");

    private RoomName() {}

    /**
     * A room name is 1 to 64 letters, digits, '_', '-' or '.', but not '.' or '..', which a URL path cannot carry
     * (they mean "this folder" and "the folder above"), so the room's history could not be read over HTTP. Names are
     * case-sensitive: "Dev" and "dev" are two rooms.
     */
    public static Checked<String> check(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            return Checked.rejected(ErrorCode.INVALID_ROOM, "a room name is 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '_', '-' or '.', and not '.' or '..'");
        }
        return Checked.accepted(name);
    }
}
