package dev.chat.loadtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Where each client connects: its room, its node, the URL it asks for, and the address it connects from. */
final class Targets {

    private final List<URI> uris;
    private final List<InetSocketAddress> servers;
    private final List<InetAddress> sources;
    private final int rooms;
    private final boolean roomAffinity;

    /**
     * @param uris  the server's endpoint, or those of the nodes of one cluster, spread over as {@link #nodeNumber}
     *              says
     * @param rooms 1 for the original protocol, every client in the server's default room; more spreads client i
     *              over rooms {@code room-0} to {@code room-<rooms-1>} by i modulo rooms
     * @param roomAffinity whether each room's clients all connect to one node, rather than to every node
     */
    Targets(List<URI> uris, int rooms, boolean roomAffinity, int sourceAddresses) throws IOException {
        this.uris = List.copyOf(uris);
        this.rooms = rooms;
        this.roomAffinity = roomAffinity;
        this.servers = uris.stream().map(uri -> new InetSocketAddress(uri.getHost(), uri.getPort())).toList();
        this.sources = sourceAddresses(servers.getFirst().getAddress(), sourceAddresses);
    }

    int rooms() {
        return rooms;
    }

    /** The node client {@code index} first connects to. */
    int firstNode(int index) {
        return roomAffinity ? roomNumber(index, rooms) % uris.size() : nodeNumber(index, rooms, uris.size());
    }

    /** Where a client goes when its node closes it: the next node round the list, as a balancer would send it. */
    int nextNode(int node) {
        return (node + 1) % uris.size();
    }

    InetSocketAddress server(int node) {
        return servers.get(node);
    }

    /** The address client {@code index} connects from; null to let the system choose. */
    InetSocketAddress source(int index) {
        return sources.isEmpty() ? null : new InetSocketAddress(sources.get(index % sources.size()), 0);
    }

    /** The URL client {@code index} asks node {@code node} for, resuming after message {@code since} if not -1. */
    URI uri(int index, int node, long since) {
        var uri = uris.get(node);
        var query = "userId=lt-" + index + "&username=load" + index
                + (roomOf(index) == null ? "" : "&room=" + roomOf(index))
                + (since < 0 ? "" : "&since=" + since);
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    /** The room client {@code index} is in; null when every client is in the server's default room. */
    String roomOf(int index) {
        return rooms > 1 ? "room-" + roomNumber(index, rooms) : null;
    }

    /** Client {@code index} is in room {@code room-<number>}; with one room, that is the server's default. */
    static int roomNumber(int index, int rooms) {
        return index % rooms;
    }

    /**
     * Client {@code index} connects to node {@code <number>}: consecutive clients of one room go to consecutive
     * nodes, so that every room, and the senders among its members, are spread over every node.
     */
    static int nodeNumber(int index, int rooms, int nodes) {
        return (index / rooms) % nodes;
    }

    /**
     * A loopback server can be reached from any 127.x.y.z address, and each source address has its own range of
     * ephemeral ports, so spreading clients over several lets one machine hold more connections than one range.
     */
    private static List<InetAddress> sourceAddresses(InetAddress target, int count) throws IOException {
        var sources = new ArrayList<InetAddress>();
        if (count > 1 && target.isLoopbackAddress() && target.getAddress().length == 4) {
            for (int i = 1; i <= count; i++) {
                sources.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i / 250), (byte) (1 + i % 250)}));
            }
        }
        return sources;
    }
}
