package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.ReadMarksContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryReadMarksTest extends ReadMarksContract {

    @Override
    protected ReadMarks newMarks() {
        return new InMemoryReadMarks();
    }

    @Test
    void past_its_capacity_the_mark_used_longest_ago_goes_first() {
        var marks = new InMemoryReadMarks(2);
        marks.markRead("bob", "a", 1);
        marks.markRead("bob", "b", 2);
        marks.markRead("bob", "a", 1);
        marks.markRead("bob", "c", 3);

        assertEquals(Map.of("a", 1L, "c", 3L), marks.byUser("bob"), "b forgotten: the room reads as unread again");
    }
}
