package dev.chat.hub;

import dev.chat.domain.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Every connected member, and each user's connections: one index of both, owned by the loop. */
final class Members {

    private final Roster everyone = new Roster();
    private final Map<String, List<Member>> byUser = new HashMap<>();

    void add(Member member) {
        everyone.add(member);
        byUser.computeIfAbsent(member.identity().userId(), id -> new ArrayList<>()).add(member);
    }

    /** False if it was not a member. */
    boolean remove(Member member) {
        if (!everyone.remove(member)) {
            return false;
        }
        var userId = member.identity().userId();
        var connections = byUser.get(userId);
        connections.remove(member);
        if (connections.isEmpty()) {
            byUser.remove(userId);
        }
        return true;
    }

    boolean contains(Member member) {
        return everyone.contains(member);
    }

    /** A user's connections, in the order they came; empty if the user is not connected. */
    List<Member> connectionsOf(String userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    int size() {
        return everyone.size();
    }

    /** Distinct users, however many connections each has. */
    int userCount() {
        return byUser.size();
    }

    /** Each connected user once. */
    List<Identity> users() {
        return byUser.values().stream().map(connections -> connections.getFirst().identity()).toList();
    }

    void forEach(Consumer<Member> action) {
        everyone.forEach(action);
    }

    List<Member> snapshot() {
        return everyone.snapshot();
    }
}
