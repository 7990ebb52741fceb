package dev.chat.adapter.javalin;

import dev.chat.domain.Identity;
import dev.chat.domain.RoomAccess;
import java.time.Instant;

/**
 * What a verified token lets a connection do.
 *
 * @param expires when the token runs out, and the connection is told to refresh it ahead of
 * @param closeAt when the connection is closed without a fresh token: {@code expires} and the grace after it
 */
record Credential(Identity identity, RoomAccess access, boolean operator, Instant expires, Instant closeAt) {}
