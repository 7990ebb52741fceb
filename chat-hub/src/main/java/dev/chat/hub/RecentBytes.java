package dev.chat.hub;

/**
 * The bytes every room's recent messages take together, against {@link RoomLimits#recentBytes}: without it, rooms
 * that each keep their last 50 messages of 4 KB would hold 200 KB apiece however many rooms there are. Touched by
 * the event loop only.
 */
final class RecentBytes {

    /** An encoded message's object and array headers and its slot in a room's deque, beyond its bytes. */
    static final int OVERHEAD = 40;

    private final long max;
    private long used;

    RecentBytes(long max) {
        this.max = max;
    }

    /** @return whether the bound still holds with these bytes counted */
    boolean add(int bytes) {
        used += bytes + OVERHEAD;
        return used <= max;
    }

    void remove(int bytes) {
        used -= bytes + OVERHEAD;
    }

    long used() {
        return used;
    }
}
