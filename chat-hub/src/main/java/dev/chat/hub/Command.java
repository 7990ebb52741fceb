package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What reaches the event loop through its inbox. */
sealed interface Command {

    /** Whether the command came from a client and so counts against the inbox's bound. */
    default boolean fromClient() {
        return false;
    }

    /** @param firstRoom the room to enter first, as the approvals left it: or why the member may not */
    record Connect(Member member, Checked<Request> firstRoom) implements Command {}

    record Disconnect(Member member) implements Command {}

    /** The member's connection could not be written to, and its writer has closed it. */
    record Broken(Member member) implements Command {}

    /** The member must go, for this reason: it broke a rule outside the loop, such as its message budget. */
    record Kick(Member member, CloseReason reason) implements Command {}

    record Announce(String content) implements Command {}

    /** Something for one member from the server itself, such as a warning that its credential runs out. */
    record Tell(Member to, EncodedMessage message) implements Command {}

    /** The member's credential was renewed: what it may use now, and until when. */
    record Renew(Member member, RoomAccess access, Instant expires) implements Command {}

    /** A question about state only the loop may read; the loop answers it and moves on. */
    record ListRooms(CompletableFuture<List<RoomSummary>> answer) implements Command {}

    record ListUsers(String room, CompletableFuture<List<Identity>> answer) implements Command {}

    record Analyze(CompletableFuture<Analytics> answer) implements Command {}

    record Shutdown(CloseReason reason) implements Command {}

    /** A message the cluster numbered in a room; {@code fromHere} if this node published it, and its nonce. */
    record Arrived(RoomMessage message, boolean fromHere, Optional<Nonce> nonce) implements Command {}

    /** The cluster found that the member had posted this already, as message {@code id}: it is sent that again. */
    record Repeat(Member to, String room, long id, Nonce nonce) implements Command {}

    /** As {@link Repeat}, for a post through the server API. */
    record RepeatAnswer(String room, long id, CompletableFuture<Checked<RoomMessage>> answer) implements Command {}

    /** A direct message from the cluster, for whichever of its users' connections are here. */
    record ArrivedDirect(DirectMessage message, boolean fromHere) implements Command {}

    /** Another node's user is typing in a room. */
    record ArrivedTyping(String room, Identity who) implements Command {}

    /** A user raised its read mark in a room, on another node. */
    record ArrivedRead(String room, String userId, long id) implements Command {}

    /** The cluster lost who is on this node: tell it again. */
    record Resync() implements Command {}

    /** @param acceptedNanos when the hub took it from the connection, as a {@link System#nanoTime()} */
    record Post(Member from, Request request, long acceptedNanos) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }

    /** A post through the server API: a system message, or a chat as {@code author}; answered once numbered. */
    record Publish(String room, Optional<Identity> author, String content, Optional<Nonce> nonce,
            CompletableFuture<Checked<RoomMessage>> answer) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }

    /** An operator's deletion of a chat through the server API. */
    record Remove(String room, long target, CompletableFuture<Checked<RoomMessage>> answer) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }

    /** A direct message through the server API. */
    record SendDirect(String to, Optional<Identity> from, String content,
            CompletableFuture<Checked<DirectMessage>> answer) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }

    /** Every connection of the user here is told why, then closed with this reason. */
    record SendAway(String userId, Rejection why, CloseReason reason) implements Command {

        /** As the server API's disconnect asks, the reason being its caller's words. */
        static SendAway disconnect(String userId, String reason) {
            return new SendAway(userId, new Rejection(ErrorCode.DISCONNECTED, reason), CloseReason.DISCONNECTED);
        }
    }

    /** A ban or mute imposed or lifted, here or on another node; answered once in force here. */
    record Sanctioned(SanctionChange change, CompletableFuture<Checked<SanctionChange>> applied) implements Command {

        /** One from another node, whose caller was answered there. */
        static Sanctioned elsewhere(SanctionChange change) {
            return new Sanctioned(change, new CompletableFuture<>());
        }
    }

    /** Every sanction, read again after the cluster may have missed a change. */
    record SanctionsReloaded(List<Sanction> all) implements Command {}

    record Reply(Member to, Rejection rejection) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }
}
