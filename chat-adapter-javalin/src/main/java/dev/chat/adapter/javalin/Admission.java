package dev.chat.adapter.javalin;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * A handshake that went through: who the connection is, the room it enters first, and, where its identity came from
 * a token, when the connection must close because the token has run out; and the address whose seat it holds.
 */
record Admission(Identity identity, Request.Subscribe firstRoom, Optional<Instant> closeAt, InetAddress from) {}
