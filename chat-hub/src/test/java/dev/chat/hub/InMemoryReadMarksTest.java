package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.ReadMarksContract;
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
        marks.lastRead("bob", "a");
        marks.markRead("bob", "c", 3);

        assertEquals(1, marks.lastRead("bob", "a"));
        assertEquals(0, marks.lastRead("bob", "b"), "forgotten: the room reads as unread again");
        assertEquals(3, marks.lastRead("bob", "c"));
    }
}
