package dev.chat.domain.port.offered;

import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.MessageType;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.ServerInfo;
import dev.chat.domain.protocol.CloseReason;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The hub's door for the product's own backend, through the server API: it speaks into rooms and to users, removes
 * chats and users, and asks how the whole chat is. In a cluster each reaches every node. Never for a client's own
 * connection: that has its {@link Client}.
 *
 * <p>Threading: every method is safe to call from any thread. Those that answer later wait while the hub's inbox
 * is full, as a client's post does.
 */
public interface ChatOperations {

    /** Sends a {@link MessageType#SYSTEM} message to every connection of this node, whatever its rooms. */
    void announce(String content);

    /**
     * Posts into the room, numbered, kept and delivered like any message: a {@link MessageType#SYSTEM} message, or
     * a chat as {@code author}. Refused if the room name or the content breaks the rules a client's chat obeys, or
     * if the cluster cannot take it.
     */
    default CompletionStage<Checked<RoomMessage>> post(String room, Optional<Identity> author, String content) {
        return post(room, author, content, Optional.empty());
    }

    /**
     * As {@link #post(String, Optional, String)}; a second post by the same author (or the server) in the same room
     * with the same nonce, within the nonce window, posts nothing and answers with the first.
     */
    CompletionStage<Checked<RoomMessage>> post(String room, Optional<Identity> author, String content,
            Optional<Nonce> nonce);

    /**
     * Sends a direct message to every connection of the user, from {@code from} or from the server (empty user
     * fields); refused with {@link ErrorCode#USER_OFFLINE} if the user has none.
     */
    CompletionStage<Checked<DirectMessage>> send(String userId, Optional<Identity> from, String content);

    /**
     * Deletes a chat as an operator may: the same deletion, and erasure, as its author's. Refused with
     * {@link ErrorCode#NOT_FOUND} if the room has no such chat, or it is deleted already.
     */
    CompletionStage<Checked<RoomMessage>> delete(String room, long id);

    /**
     * Closes every connection of the user, on every node, with {@link CloseReason#DISCONNECTED}, each told the
     * reason first in an error frame. The user may connect again.
     */
    void disconnect(String userId, String reason);

    /**
     * Bans or mutes the user, on every node, until {@code until} (empty: until lifted), in place of any sanction of
     * the same kind; kept where the hub's {@link Sanctions} keep it. A ban closes the user's connections at once with
     * {@link CloseReason#BANNED} and refuses new ones; a mute refuses everything the user posts with
     * {@link ErrorCode#MUTED}. Refused if the reason is not one plain line of at most 200 characters, if
     * {@code until} has passed, or if the store cannot keep it.
     */
    CompletionStage<Checked<Sanction>> sanction(String userId, Sanction.Kind kind, Optional<Instant> until,
            String reason);

    /** Lifts the user's sanction of this kind, on every node; nothing if there is none. */
    CompletionStage<Checked<Sanction.Kind>> lift(String userId, Sanction.Kind kind);

    /** The nodes of the chat, and how many connections, users and rooms it has. */
    ServerInfo info();
}
