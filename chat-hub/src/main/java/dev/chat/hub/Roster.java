package dev.chat.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The connected members, owned by the event loop: add, remove and contains in constant time. */
final class Roster {

    private final List<Member> members = new ArrayList<>();

    void add(Member member) {
        member.slot = members.size();
        members.add(member);
    }

    boolean contains(Member member) {
        return member.slot >= 0;
    }

    /** Moves the last member into the removed one's slot, so removal never shifts the list. */
    void remove(Member member) {
        var last = members.removeLast();
        if (last != member) {
            members.set(member.slot, last);
            last.slot = member.slot;
        }
        member.slot = -1;
    }

    int size() {
        return members.size();
    }

    void forEach(Consumer<Member> action) {
        members.forEach(action);
    }

    List<Member> snapshot() {
        return List.copyOf(members);
    }
}
