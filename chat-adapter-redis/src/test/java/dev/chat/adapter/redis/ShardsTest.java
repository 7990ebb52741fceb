package dev.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardsTest {

    private static final int NAMES = 30_000;

    @Test
    void names_are_hashed_with_standard_fnv1a_so_every_node_and_jvm_agrees() {
        assertEquals(0xcbf29ce484222325L, Shards.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, Shards.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, Shards.fnv1a("foobar"));
    }

    @Test
    void rooms_spread_evenly_over_the_servers() {
        var shards = new Shards<>(List.of("a", "b", "c"));
        var counts = new HashMap<String, Integer>();
        for (int i = 0; i < NAMES; i++) {
            counts.merge(shards.of("room-" + i), 1, Integer::sum);
        }

        assertEquals(3, counts.size());
        counts.forEach((server, rooms) -> assertTrue(Math.abs(rooms - NAMES / 3) < NAMES / 30,
                server + " holds " + rooms + " of " + NAMES));
    }

    @Test
    void a_server_added_at_the_end_takes_about_its_share_and_no_other_room_moves() {
        var three = new Shards<>(List.of("a", "b", "c"));
        var four = new Shards<>(List.of("a", "b", "c", "d"));
        Map<String, Integer> movedTo = new HashMap<>();
        for (int i = 0; i < NAMES; i++) {
            var room = "room-" + i;
            if (!three.of(room).equals(four.of(room))) {
                movedTo.merge(four.of(room), 1, Integer::sum);
            }
        }

        assertEquals(List.of("d"), List.copyOf(movedTo.keySet()), "rooms move only to the new server");
        assertTrue(Math.abs(movedTo.get("d") - NAMES / 4) < NAMES / 40, movedTo.get("d") + " of " + NAMES + " moved");
    }

    @Test
    void a_cluster_needs_a_server() {
        assertThrows(IllegalArgumentException.class, () -> new Shards<>(List.of()));
    }
}
