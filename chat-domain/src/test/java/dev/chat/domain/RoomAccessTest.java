package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomAccessTest {

    private static final RoomPatterns PRIVATE = new RoomPatterns(List.of("team-*", "board"));

    @Test
    void a_room_that_is_not_private_is_open_to_every_connection() {
        var access = new RoomAccess(PRIVATE, RoomPatterns.NONE);

        assertTrue(access.permits("lobby"));
        assertTrue(access.permits("boardroom"), "'board' names one room, not a prefix");
        assertFalse(access.permits("board"));
        assertFalse(access.permits("team-red"));
    }

    @Test
    void a_private_room_is_open_to_a_connection_whose_grants_match_it() {
        var access = new RoomAccess(PRIVATE, new RoomPatterns(List.of("team-r*")));

        assertTrue(access.permits("team-red"));
        assertFalse(access.permits("team-blue"));
        assertTrue(new RoomAccess(PRIVATE, RoomPatterns.EVERY_ROOM).permits("board"));
        assertTrue(RoomAccess.EVERY_ROOM.permits("board"));
    }

    @Test
    void the_refusal_names_the_room() {
        var refusal = RoomAccess.forbidden("board");

        assertEquals(ErrorCode.ROOM_FORBIDDEN, refusal.code());
        assertEquals("room 'board' is private and your token does not grant it", refusal.message());
    }

    @Test
    void patterns_are_room_names_prefixes_ending_in_a_star_or_a_star_alone() {
        var checked = RoomPatterns.check(List.of("board", "team-*", "*"));

        assertEquals(Checked.accepted(new RoomPatterns(List.of("board", "team-*", "*"))), checked);
        assertFalse(RoomPatterns.NONE.matches("anything"));
        assertTrue(RoomPatterns.NONE.isEmpty());
        assertTrue(RoomPatterns.EVERY_ROOM.matches("anything"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "te*am", "**", "room/x", "", "a\nb"})
    void anything_else_is_not_a_pattern(String pattern) {
        var checked = RoomPatterns.check(Arrays.asList(pattern));

        assertInstanceOf(Checked.Rejected.class, checked);
        assertEquals(ErrorCode.INVALID_ROOM, ((Checked.Rejected<RoomPatterns>) checked).rejection().code());
    }

    @Test
    void a_missing_pattern_is_not_a_pattern() {
        assertInstanceOf(Checked.Rejected.class, RoomPatterns.check(Arrays.asList((String) null)));
    }
}
