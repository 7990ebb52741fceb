package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What happened to a chat after it was posted: when it was last edited, whether it was deleted, and who reacted with
 * which emoji. Immutable; each change makes a new one.
 *
 * @param editedAt  when it was last edited; null if never
 * @param reactions by emoji, in the emoji's order, the users who added it; an emoji nobody has is not listed
 * @param revision  the id of the last change applied, 0 if none: a client that reads the chat as it is now skips
 *                  the changes up to this id that follow it in history, so that none is applied twice
 */
public record Changes(Instant editedAt, boolean deleted, SortedMap<String, Set<String>> reactions, long revision) {

    /** A chat as it was posted. */
    public static final Changes NONE = new Changes(null, false, new TreeMap<>(), 0);

    /** At most this many distinct emoji on one chat. */
    public static final int MAX_EMOJI = 20;

    public Changes {
        requireNonNull(reactions, "reactions");
        var copy = new TreeMap<String, Set<String>>();
        reactions.forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                copy.put(emoji, Collections.unmodifiableSet(new TreeSet<>(users)));
            }
        });
        reactions = Collections.unmodifiableSortedMap(copy);
    }

    public Changes edited(Instant at) {
        return new Changes(at, deleted, reactions, revision);
    }

    /** A deleted chat keeps no reactions: there is nothing left to react to. */
    public Changes deletedNow() {
        return new Changes(editedAt, true, new TreeMap<>(), revision);
    }

    public Changes reacted(String emoji, String userId, boolean add) {
        var changed = new TreeMap<String, Set<String>>(reactions);
        var users = new TreeSet<>(changed.getOrDefault(emoji, Set.of()));
        if (add) {
            users.add(userId);
        } else {
            users.remove(userId);
        }
        changed.put(emoji, users);
        return new Changes(editedAt, deleted, changed, revision);
    }

    /** As changed by the message with this id. */
    public Changes revised(long id) {
        return new Changes(editedAt, deleted, reactions, id);
    }

    public boolean hasReacted(String emoji, String userId) {
        return reactions.getOrDefault(emoji, Set.of()).contains(userId);
    }

    /** How many users added each emoji, in the emoji's order. */
    public SortedMap<String, Integer> reactionCounts() {
        var counts = new TreeMap<String, Integer>();
        reactions.forEach((emoji, users) -> counts.put(emoji, users.size()));
        return counts;
    }

    public boolean isNone() {
        return revision == 0;
    }

    /** For a store that reads a chat's reactions back as rows of emoji and user. */
    public static Changes of(Instant editedAt, boolean deleted, Map<String, ? extends Set<String>> reactions,
            long revision) {
        return new Changes(editedAt, deleted, new TreeMap<>(reactions), revision);
    }
}
