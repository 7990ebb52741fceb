package dev.chat.hub;

import dev.chat.domain.DirectMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Sanctions;
import java.util.Optional;
import dev.chat.domain.port.needed.Cluster;

/** What arrives from the cluster, on its threads, queued for the loop: it never waits, so the cluster never stalls. */
final class ClusterListener implements Cluster.Listener {

    private static final System.Logger LOG = System.getLogger(ClusterListener.class.getName());

    private final Inbox inbox;
    private final Sanctions sanctions;

    ClusterListener(Inbox inbox, Sanctions sanctions) {
        this.inbox = inbox;
        this.sanctions = sanctions;
    }

    @Override
    public void published(RoomMessage message, boolean fromHere, Optional<Nonce> nonce) {
        inbox.offer(new Command.Arrived(message, fromHere, nonce));
    }

    @Override
    public void direct(DirectMessage message, boolean fromHere) {
        inbox.offer(new Command.ArrivedDirect(message, fromHere));
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
    public void sanctioned(SanctionChange change) {
        inbox.offer(Command.Sanctioned.elsewhere(change));
    }

    /** A change of sanctions may have been missed too: they are read again, on a thread that may wait for that. */
    @Override
    public void presenceLost() {
        inbox.offer(new Command.Resync());
        Thread.startVirtualThread(() -> {
            try {
                inbox.offer(new Command.SanctionsReloaded(sanctions.all()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not read the bans and mutes again: " + e.getMessage());
            }
        });
    }
}
