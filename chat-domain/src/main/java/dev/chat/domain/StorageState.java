package dev.chat.domain;

import java.util.Locale;

/** Whether the history the hub keeps survives a restart, and whether it is being written now. */
public enum StorageState {
    /** Written to a durable store, which takes the writes. */
    OK,
    /** A durable store is configured, and it refuses writes now. */
    UNAVAILABLE,
    /** No durable store: history lives in memory only. */
    DISABLED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As {@code /health} shows it, for example {@code unavailable}. */
    public String wireName() {
        return wireName;
    }
}
