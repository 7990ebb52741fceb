package dev.chat.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * Finds the ids of the room's messages in what the server sent, for a client to resume from: every
 * {@code "id":"<digits>"} of a frame, and the {@code "lastId"} of the presence a client gets on entering a room (what
 * it needs up to there came as history, so a client that saw no message since resumes after it), read without
 * building strings. Inside a message's content a quote is escaped, so content never looks like an id.
 */
final class MessageIds {

    private static final byte[] MESSAGE_ID = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOM_LAST_ID = "\"lastId\":\"".getBytes(StandardCharsets.US_ASCII);

    private MessageIds() {}

    /** The highest id in {@code bytes[from, to)}, or -1 if there is none. */
    static long highest(byte[] bytes, int from, int to) {
        long highest = -1;
        for (int at = from; at < to; at++) {
            int mark = markAt(bytes, at, to);
            if (mark > 0) {
                at += mark;
                long id = 0;
                int digits = 0;
                for (; at < to && bytes[at] >= '0' && bytes[at] <= '9'; at++, digits++) {
                    id = id * 10 + (bytes[at] - '0');
                }
                if (digits > 0 && at < to && bytes[at] == '"') {
                    highest = Math.max(highest, id);
                }
            }
        }
        return highest;
    }

    /** The length of the mark that starts at {@code at}, or 0 if none does. */
    private static int markAt(byte[] bytes, int at, int to) {
        if (startsWith(bytes, at, to, MESSAGE_ID)) {
            return MESSAGE_ID.length;
        }
        return startsWith(bytes, at, to, ROOM_LAST_ID) ? ROOM_LAST_ID.length : 0;
    }

    private static boolean startsWith(byte[] bytes, int at, int to, byte[] mark) {
        if (to - at < mark.length) {
            return false;
        }
        for (int j = 0; j < mark.length; j++) {
            if (bytes[at + j] != mark[j]) {
                return false;
            }
        }
        return true;
    }
}
