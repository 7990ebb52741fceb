package dev.chat.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * The content of a measured chat message: {@code lt <phase> <sender> <sequence> <sent-nanos>}. Senders write it,
 * every receiver finds it in the server's JSON without building strings, whatever else the server adds, and even
 * when a server packs several messages into one frame.
 */
final class Probe {

    private static final byte[] MARK = "\"content\":\"lt ".getBytes(StandardCharsets.US_ASCII);

    /** Receives each probe found; plain values so that reading a frame allocates nothing. */
    interface Sink {
        void probe(int phase, int sender, int sequence, long sentNanos);
    }

    private Probe() {}

    static String content(int phase, int sender, int sequence, long sentNanos) {
        return "lt " + phase + " " + sender + " " + sequence + " " + sentNanos;
    }

    /** Calls the sink for every probe in {@code bytes[from, to)}; returns how many there were. */
    static int scan(byte[] bytes, int from, int to, Sink sink) {
        int found = 0;
        var numbers = new Numbers(bytes, to);
        for (int at = indexOf(bytes, from, to); at >= 0; at = indexOf(bytes, numbers.at, to)) {
            numbers.at = at + MARK.length;
            long phase = numbers.next();
            long sender = numbers.next();
            long sequence = numbers.next();
            long sentNanos = numbers.next();
            if (sentNanos >= 0) {
                sink.probe((int) phase, (int) sender, (int) sequence, sentNanos);
                found++;
            }
        }
        return found;
    }

    /** Reads space-separated decimal numbers; after one is missing, every read is -1. */
    private static final class Numbers {
        private final byte[] bytes;
        private final int to;
        private int at;
        private boolean broken;

        Numbers(byte[] bytes, int to) {
            this.bytes = bytes;
            this.to = to;
        }

        long next() {
            long value = 0;
            int start = at;
            while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
                value = value * 10 + (bytes[at++] - '0');
            }
            broken |= at == start;
            if (at < to && bytes[at] == ' ') {
                at++;
            }
            return broken ? -1 : value;
        }
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        var first = MARK[0];
        for (int i = from; i <= to - MARK.length; i++) {
            if (bytes[i] == first && matchesAt(bytes, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int at) {
        for (int j = 1; j < MARK.length; j++) {
            if (bytes[at + j] != MARK[j]) {
                return false;
            }
        }
        return true;
    }
}
