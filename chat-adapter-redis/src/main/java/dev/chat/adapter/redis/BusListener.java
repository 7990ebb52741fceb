package dev.chat.adapter.redis;

import dev.chat.domain.port.needed.Cluster;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each frame of the cluster's channels to this node's hub. A room's message comes from the room's channel, or,
 * if this node published it, from the node's own channel only (with its nonce), whether or not the node follows the
 * room: its copy on the room's channel is dropped unread. Direct messages come on the node's channel. The signals
 * that only the channels carry go to the other nodes, since this one acted on its own already. A frame this node
 * cannot read is dropped and logged, never allowed to stop the bus.
 */
final class BusListener extends RedisPubSubAdapter<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(BusListener.class);

    private final String node;
    private final String ownChannel;
    private final String ownRoomMessage;
    private final BusCodec codec;
    private final Cluster.Listener hub;

    BusListener(String node, BusCodec codec, Cluster.Listener hub) {
        this.node = node;
        this.ownChannel = Channels.node(node);
        this.ownRoomMessage = "R " + node + " ";
        this.codec = codec;
        this.hub = hub;
    }

    @Override
    public void message(String channel, String frame) {
        if (frame.startsWith(ownRoomMessage) && !channel.equals(ownChannel)) {
            return;
        }
        try {
            switch (codec.frame(frame)) {
                case BusCodec.Published(var from, var message, var nonce) -> {
                    boolean fromHere = from.equals(node);
                    hub.published(message, fromHere, fromHere ? nonce : Optional.empty());
                }
                case BusCodec.Direct(var from, var message) -> hub.direct(message, from.equals(node));
                case BusCodec.Typing(var from, var room, var who) -> elsewhere(from, () -> hub.typing(room, who));
                case BusCodec.Read(var from, var room, var userId, var id) ->
                        elsewhere(from, () -> hub.read(room, userId, id));
                case BusCodec.Sanctioned(var from, var change) -> elsewhere(from, () -> hub.sanctioned(change));
                case BusCodec.Disconnect(var from, var userId, var reason) ->
                        elsewhere(from, () -> hub.disconnect(userId, reason));
            }
        } catch (RuntimeException e) {
            LOG.error("dropped a frame from the bus that this node cannot read: {}", e.getMessage());
        }
    }

    private void elsewhere(String from, Runnable tell) {
        if (!from.equals(node)) {
            tell.run();
        }
    }
}
