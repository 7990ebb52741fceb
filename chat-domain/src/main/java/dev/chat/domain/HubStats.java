package dev.chat.domain;

/**
 * What the hub has done since it started.
 *
 * @param clients   connected now
 * @param messages  messages broadcast (chat, system, join and leave)
 * @param dropped   deliveries skipped because a client's send queue was full
 */
public record HubStats(int clients, long messages, long dropped) {}
