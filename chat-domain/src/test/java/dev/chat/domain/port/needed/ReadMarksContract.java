package dev.chat.domain.port.needed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReadMarks} does, ours or an embedder's: a store's test extends this class and says how to make a
 * fresh, empty one. Published in {@code chat-domain}'s test jar, as {@link MessageStoreContract} is.
 */
public abstract class ReadMarksContract {

    private ReadMarks marks;

    /** New marks with nothing in them. */
    protected abstract ReadMarks newMarks();

    @BeforeEach
    void freshMarks() {
        marks = newMarks();
    }

    @Test
    void a_user_with_no_mark_has_read_nothing() {
        assertEquals(Map.of(), marks.byUser("bob"));
    }

    @Test
    void a_mark_only_rises_and_says_whether_it_did() {
        assertTrue(marks.markRead("bob", "dev", 42));
        assertFalse(marks.markRead("bob", "dev", 41));
        assertFalse(marks.markRead("bob", "dev", 42));
        assertTrue(marks.markRead("bob", "dev", 57));

        assertEquals(Map.of("dev", 57L), marks.byUser("bob"));
    }

    @Test
    void each_user_has_a_mark_of_its_own_in_each_room() {
        marks.markRead("bob", "dev", 42);
        marks.markRead("bob", "ops", 7);
        marks.markRead("carol", "dev", 3);

        assertEquals(Map.of("dev", 42L, "ops", 7L), marks.byUser("bob"));
        assertEquals(Map.of("dev", 3L), marks.byUser("carol"));
    }
}
