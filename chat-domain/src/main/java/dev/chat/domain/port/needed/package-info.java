/**
 * What the core needs from outside and does not implement itself: a
 * {@link dev.chat.domain.port.needed.Connection} to write each client's messages to (the transport adapter's), and
 * a {@link dev.chat.domain.port.needed.MessageStore} to keep each room's history in, and, where identities are
 * verified, an {@link dev.chat.domain.port.needed.Authenticator} to tell who presents a credential, and a
 * {@link dev.chat.domain.port.needed.Throttle} to hold each connection to a budget of messages, and, where several
 * nodes serve one chat, a {@link dev.chat.domain.port.needed.Cluster} that numbers and delivers across them.
 */
package dev.chat.domain.port.needed;
