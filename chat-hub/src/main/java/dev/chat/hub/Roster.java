package dev.chat.hub;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A set of members, owned by the event loop: add, remove and contains in constant time, fast to go through. */
final class Roster {

    private final List<Member> members = new ArrayList<>();
    private final Map<Member, Integer> slots = new IdentityHashMap<>();

    /** For a member not yet in: the loop adds each member once, and each room checks before it adds. */
    void add(Member member) {
        slots.put(member, members.size());
        members.add(member);
    }

    boolean contains(Member member) {
        return slots.containsKey(member);
    }

    /** Moves the last member into the removed one's slot, so removal never shifts the list. False if absent. */
    boolean remove(Member member) {
        Integer slot = slots.remove(member);
        if (slot == null) {
            return false;
        }
        var last = members.removeLast();
        if (last != member) {
            members.set(slot, last);
            slots.put(last, slot);
        }
        return true;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    void forEach(Consumer<Member> action) {
        members.forEach(action);
    }

    List<Member> snapshot() {
        return List.copyOf(members);
    }
}
