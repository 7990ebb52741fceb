package dev.chat.domain;

/**
 * What the hub has done since it started.
 *
 * @param clients          connected now
 * @param messages         messages broadcast (chat, system, join and leave) and direct messages sent
 * @param dropped          deliveries refused to clients that had fallen too far behind; each such client was closed
 *                         with {@link dev.chat.domain.protocol.CloseReason#TOO_SLOW}, and can resume what it missed
 * @param closedTooSlow    clients closed with {@link dev.chat.domain.protocol.CloseReason#TOO_SLOW} because their send queue was full
 * @param closedSendFailed clients closed with {@link dev.chat.domain.protocol.CloseReason#SEND_FAILED} because their connection failed
 */
public record HubStats(int clients, long messages, long dropped, long closedTooSlow, long closedSendFailed) {}
