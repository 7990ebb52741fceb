package dev.chat.domain;

import java.util.Locale;

/** Whether this node is one of several serving one chat, and whether it reaches the others now. */
public enum ClusterState {
    /** A node of a cluster, which it reaches. */
    OK,
    /** A node of a cluster that it cannot reach now: its clients' posts are refused until it can. */
    UNAVAILABLE,
    /** A single node: the whole chat. */
    DISABLED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As {@code /health} shows it, for example {@code unavailable}. */
    public String wireName() {
        return wireName;
    }
}
