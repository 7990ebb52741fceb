package dev.chat.domain;

/**
 * How far a user has read one room, for its unread badge.
 *
 * @param lastRead the id of the last message it marked read
 * @param unread   chats of others after it, not deleted, counted up to
 *                 {@link dev.chat.domain.port.needed.MessageStore#UNREAD_CAP}
 * @param lastId   the room's newest id
 */
public record Unread(String room, long lastRead, int unread, long lastId) {}
