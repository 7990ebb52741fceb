package dev.chat.domain.port.needed;

import dev.chat.domain.Sanction;
import java.util.List;

/**
 * The port the hub needs to keep bans and mutes: where they outlive a restart, and in a cluster where every node
 * finds them. The hub holds them all in memory too, and asks this only when it starts, when it changes one, and
 * when a cluster tells it that it may have missed a change.
 *
 * <p>Threading: safe from any thread; each call may wait for its store, so the hub never calls it from its loop.
 */
public interface Sanctions {

    /** Every sanction kept, run out or not. */
    List<Sanction> all();

    /** Keeps it, in place of any sanction of the same kind on the same user. */
    void impose(Sanction sanction);

    /** Forgets the user's sanction of this kind; nothing if there is none. */
    void lift(String userId, Sanction.Kind kind);
}
