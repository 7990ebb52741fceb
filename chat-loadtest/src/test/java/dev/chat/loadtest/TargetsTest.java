package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {

    @ParameterizedTest
    @CsvSource({"1, 3", "3, 3", "4, 3", "6, 2", "5, 1"})
    void the_first_clients_of_every_room_are_on_every_node(int rooms, int nodes) {
        for (int room = 0; room < rooms; room++) {
            var nodesOfRoom = new TreeSet<Integer>();
            for (int index = 0; index < rooms * nodes; index++) {
                if (Targets.roomNumber(index, rooms) == room) {
                    nodesOfRoom.add(Targets.nodeNumber(index, rooms, nodes));
                }
            }
            assertEquals(allNodes(nodes), nodesOfRoom, "room " + room);
        }
    }

    private static Set<Integer> allNodes(int nodes) {
        var all = new TreeSet<Integer>();
        for (int node = 0; node < nodes; node++) {
            all.add(node);
        }
        return all;
    }
}
