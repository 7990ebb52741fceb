package dev.chat.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the hub has done since it started, and what it holds now.
 *
 * @param clients          connected now
 * @param messages         messages broadcast (chat, system, join and leave) and direct messages sent; on a node of
 *                         a cluster, those it published, so that the nodes' counts add up
 * @param dropped          deliveries refused to clients that had fallen too far behind; each such client was closed
 *                         with {@link dev.chat.domain.protocol.CloseReason#TOO_SLOW}, and can resume what it missed
 * @param closedTooSlow    clients closed with {@link dev.chat.domain.protocol.CloseReason#TOO_SLOW} because their send queue was full
 * @param closedSendFailed clients closed with {@link dev.chat.domain.protocol.CloseReason#SEND_FAILED} because their connection failed
 * @param users            distinct users connected now
 * @param rooms            rooms with members now
 * @param deliveries       messages handed to a client's send queue, one per recipient
 * @param messagesByType   {@code messages}, kind by kind, in the order of {@link MessageType}
 * @param inboxDepth       client messages waiting for the hub's loop now
 */
public record HubStats(int clients, long messages, long dropped, long closedTooSlow, long closedSendFailed,
        int users, int rooms, long deliveries, Map<MessageType, Long> messagesByType, int inboxDepth) {

    public HubStats {
        var inOrder = new EnumMap<MessageType, Long>(MessageType.class);
        inOrder.putAll(messagesByType);
        messagesByType = Collections.unmodifiableMap(inOrder);
    }
}
