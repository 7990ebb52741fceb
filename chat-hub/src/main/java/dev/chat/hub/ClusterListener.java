package dev.chat.hub;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.Cluster;

/** What arrives from the cluster, on its threads, queued for the loop: it never waits, so the cluster never stalls. */
final class ClusterListener implements Cluster.Listener {

    private final Inbox inbox;

    ClusterListener(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void published(RoomMessage message, boolean fromHere) {
        inbox.offer(new Command.Arrived(message, fromHere));
    }

    @Override
    public void direct(DirectMessage message) {
        inbox.offer(new Command.ArrivedDirect(message));
    }

    @Override
    public void typing(String room, Identity who) {
        inbox.offer(new Command.ArrivedTyping(room, who));
    }

    @Override
    public void read(String room, String userId, long id) {
        inbox.offer(new Command.ArrivedRead(room, userId, id));
    }

    @Override
    public void disconnect(String userId, String reason) {
        inbox.offer(Command.SendAway.disconnect(userId, reason));
    }

    @Override
    public void presenceLost() {
        inbox.offer(new Command.Resync());
    }
}
