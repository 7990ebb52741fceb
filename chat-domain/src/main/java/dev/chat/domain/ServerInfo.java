package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the whole chat is now, as the server API's {@code /api/info} tells it.
 *
 * @param node        this node's name
 * @param nodes       every node alive, this one included; just this one on a node alone
 * @param started     when this node's hub started
 * @param connections open on this node
 * @param connectionsByNode open on each node alive: this one's now, the others' as they last reported (every 2 s)
 * @param users       connected on any node, each once
 * @param rooms       with members on any node
 */
public record ServerInfo(String node, List<String> nodes, Instant started, int connections,
        Map<String, Integer> connectionsByNode, int users, int rooms) {

    public ServerInfo {
        requireNonNull(node, "node");
        nodes = List.copyOf(nodes);
        connectionsByNode = Collections.unmodifiableSortedMap(new TreeMap<>(connectionsByNode));
        requireNonNull(started, "started");
    }
}
