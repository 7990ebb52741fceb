package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
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

    @Test
    void with_room_affinity_every_client_of_a_room_is_on_its_room_s_node_and_the_rooms_on_every_node()
            throws IOException {
        var nodes = List.of(URI.create("ws://127.0.0.1:8081/ws"), URI.create("ws://127.0.0.1:8082/ws"),
                URI.create("ws://127.0.0.1:8083/ws"), URI.create("ws://127.0.0.1:8084/ws"));
        var targets = new Targets(nodes, 200, true, 1);

        var nodeOfRoom = new HashMap<String, Integer>();
        for (int index = 0; index < 2000; index++) {
            int node = targets.firstNode(index);
            assertEquals(nodeOfRoom.computeIfAbsent(targets.roomOf(index), room -> node), node, "client " + index);
        }
        assertEquals(allNodes(4), new TreeSet<>(nodeOfRoom.values()));
    }

    private static Set<Integer> allNodes(int nodes) {
        var all = new TreeSet<Integer>();
        for (int node = 0; node < nodes; node++) {
            all.add(node);
        }
        return all;
    }
}
