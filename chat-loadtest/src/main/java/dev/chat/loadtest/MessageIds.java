package dev.chat.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * Finds the ids of the room's messages in what the server sent, for a client to resume from: every
 * {@code "id":"<digits>"} of a frame, read without building strings. Inside a message's content a quote is
 * escaped, so content never looks like an id.
 */
final class MessageIds {

    private static final byte[] MARK = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private MessageIds() {}

    /** The highest id in {@code bytes[from, to)}, or -1 if there is none. */
    static long highest(byte[] bytes, int from, int to) {
        long highest = -1;
        for (int at = from; at <= to - MARK.length; at++) {
            if (startsWithMark(bytes, at)) {
                at += MARK.length;
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

    private static boolean startsWithMark(byte[] bytes, int at) {
        for (int j = 0; j < MARK.length; j++) {
            if (bytes[at + j] != MARK[j]) {
                return false;
            }
        }
        return true;
    }
}
