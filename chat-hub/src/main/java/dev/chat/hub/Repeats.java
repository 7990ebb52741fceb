package dev.chat.hub;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.WireFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a post tagged with a nonce its sender used already is answered with: the message that nonce named, sent
 * again, and nothing posted. Owned by the loop.
 */
final class Repeats {

    private final Nonces nonces;
    private final MessageStore store;
    private final FanOut fanOut;
    private final MessageClock clock;

    Repeats(Nonces nonces, MessageStore store, FanOut fanOut, MessageClock clock) {
        this.nonces = nonces;
        this.store = store;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** The message the sender's nonce named in the room within the window, if any. */
    Optional<Long> postedAs(String room, String userId, Optional<Nonce> nonce) {
        return nonce.flatMap(tag -> {
            var id = nonces.idOf(room, userId, tag, clock.now());
            return id.isPresent() ? Optional.of(id.getAsLong()) : Optional.empty();
        });
    }

    /** The message was posted with this nonce, if it had one. */
    void posted(RoomMessage message, Optional<Nonce> nonce) {
        nonce.ifPresent(tag -> nonces.posted(message.room(), message.message().userId(), tag, message.id(),
                clock.now()));
    }

    /** True if the member posted this nonce in the room already: it is then sent that message again. */
    boolean repeated(Member from, String room, Optional<Nonce> nonce) {
        var posted = postedAs(room, from.identity().userId(), nonce);
        posted.ifPresent(id -> sendAgain(from, room, id, nonce.orElseThrow()));
        return posted.isPresent();
    }

    /** The message the member posted already with this nonce, sent to it again. */
    void sendAgain(Member to, String room, long id, Nonce nonce) {
        store.find(room, id).ifPresentOrElse(original -> fanOut.to(to, WireFormat.encode(original, nonce)),
                () -> fanOut.reject(to, gone(id)));
    }

    /** The message a post through the server API named with its nonce, as its answer. */
    void answerAgain(String room, long id, CompletableFuture<Checked<RoomMessage>> answer) {
        answer.complete(store.find(room, id).<Checked<RoomMessage>>map(Checked::accepted)
                .orElseGet(() -> new Checked.Rejected<>(gone(id))));
    }

    private static Rejection gone(long id) {
        return new Rejection(ErrorCode.INVALID_NONCE, "this nonce named message " + id + ", which is no longer kept");
    }
}
