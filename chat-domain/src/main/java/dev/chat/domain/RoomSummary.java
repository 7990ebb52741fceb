package dev.chat.domain;

/**
 * A room that has members now.
 *
 * @param members distinct users in it; a user with several connections counts once
 */
public record RoomSummary(String room, int members) {}
