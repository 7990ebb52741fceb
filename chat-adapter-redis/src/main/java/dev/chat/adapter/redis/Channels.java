package dev.chat.adapter.redis;

/**
 * The pub/sub channels the cluster talks on, named as {@code chat.lua} names them: one every node hears, one per
 * node, one per room.
 */
final class Channels {

    /** Bans, mutes, disconnects and read marks: what concerns connections on any node, in the room or not. */
    static final String EVERY_NODE = "chat:bus";

    private Channels() {
    }

    /** The messages the node published, and the direct messages of the users connected to it. */
    static String node(String node) {
        return "chat:node:" + node + ":bus";
    }

    /** The room's messages and typing, for the nodes with members in it. */
    static String room(String room) {
        return RedisHistory.key(room, "bus");
    }
}
