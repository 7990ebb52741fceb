package dev.chat.domain;

import java.util.Locale;

/**
 * Whether a part the hub can do without (a durable store, a cluster) is in use, and whether it answers now, as
 * {@code /health} reports each.
 */
public enum Availability {
    /** In use, and it answers: a durable store takes its writes, a cluster is reached. */
    OK,
    /** In use, and it does not answer now: writes wait, or a cluster node refuses its clients' posts. */
    UNAVAILABLE,
    /** Not in use: history in memory only, or a single node that is the whole chat. */
    DISABLED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As {@code /health} shows it, for example {@code unavailable}. */
    public String wireName() {
        return wireName;
    }
}
