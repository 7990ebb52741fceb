package dev.chat.domain.port.needed;

import dev.chat.domain.Checked;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;

/**
 * The port the hub needs to let the product's backend decide, before the hub acts, whether a connected user may enter
 * a room ({@link Request.Subscribe}) and post what ({@link Request.Chat}, {@link Request.Edit},
 * {@link Request.Direct}): it may refuse either, or rewrite what is posted, as a moderation filter does. Every other
 * request passes as it is.
 *
 * <p>Threading: called from the connection's own thread, before its request reaches the hub's loop; it may wait,
 * which delays only that connection, whose requests keep their order.
 */
public interface Approvals {

    /** Approves everything as it is, as a server with no hooks does. */
    Approvals ALL = (who, request) -> Checked.accepted(request);

    /** The request to carry out, perhaps with new content, or why not. */
    Checked<Request> approve(Identity who, Request request);
}
