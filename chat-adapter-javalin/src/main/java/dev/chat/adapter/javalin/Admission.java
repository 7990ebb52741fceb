package dev.chat.adapter.javalin;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A handshake that went through: who the connection is, which rooms it may use, the room it enters first, the
 * token it came with where identities are verified, and the address whose seat it holds.
 */
record Admission(Identity identity, RoomAccess access, Request.Subscribe firstRoom, Optional<Credential> credential,
        InetAddress from) {}
