package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.protocol.WireFormat;

/**
 * Read marks: a user's mark in a room rises, is kept ({@link ReadMarks}), and is told to every connection of the
 * user and, with {@link ReadReceipts#ROOM}, to the room's members, on every node. A mark that does not rise is
 * dropped without a word. Not numbered, not in history.
 */
final class ReadSignals {

    private final ReadMarks marks;
    private final ReadReceipts receipts;
    private final Members members;
    private final FanOut fanOut;
    private final Sharing sharing;

    ReadSignals(ReadMarks marks, ReadReceipts receipts, Members members, FanOut fanOut, Sharing sharing) {
        this.marks = marks;
        this.receipts = receipts;
        this.members = members;
        this.fanOut = fanOut;
        this.sharing = sharing;
    }

    /** The user has read the room here up to {@code id}, at most the room's last. */
    void read(Room room, Identity who, long id) {
        long upTo = Math.min(id, room.lastId());
        if (marks.markRead(who.userId(), room.name, upTo)) {
            arrived(room.name, room, who.userId(), upTo);
            sharing.read(room.name, who.userId(), upTo);
        }
    }

    /**
     * To this node's connections of the user, and with {@link ReadReceipts#ROOM} to its members of the room here,
     * each once.
     *
     * @param room null if the room has no members here
     */
    void arrived(String roomName, Room room, String userId, long id) {
        var read = WireFormat.read(roomName, userId, id);
        members.connectionsOf(userId).forEach(member -> {
            member.markRead(roomName, id);
            fanOut.to(member, read);
        });
        if (receipts == ReadReceipts.ROOM && room != null) {
            room.forEachOtherThan(userId, member -> fanOut.to(member, read));
        }
    }
}
