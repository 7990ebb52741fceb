package dev.chat.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Redis servers of a cluster, and which of them holds a room or a user: every node lists the same servers in the
 * same order, so every node finds the same one. A room's keys and channel live on its server whole, so each change to
 * a room stays one atomic step of {@code chat.lua}; so do a user's presence, marks and bans.
 *
 * <p>Jump consistent hashing (Lamping and Veach) spreads the names: with a server added at the end of the list, the
 * names that move are about one in the new count, and each moves to the new server.
 */
final class Shards<S> {

    private final List<S> servers;

    Shards(List<S> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs one Redis server at least");
        }
        this.servers = List.copyOf(servers);
    }

    /** The server that holds a room, or a user: one name space, hashed alike. */
    S of(String name) {
        return servers.size() == 1 ? servers.getFirst() : servers.get(bucket(fnv1a(name), servers.size()));
    }

    List<S> all() {
        return servers;
    }

    /** Lamping and Veach's jump hash: the bucket of {@code key} among {@code buckets}. */
    static int bucket(long key, int buckets) {
        long chosen = -1;
        long next = 0;
        while (next < buckets) {
            chosen = next;
            key = key * 2862933555777941757L + 1;
            next = (long) ((chosen + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) chosen;
    }

    /** FNV-1a over the name's UTF-8 bytes: the same on every node and every JVM, unlike a seeded hash. */
    static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
