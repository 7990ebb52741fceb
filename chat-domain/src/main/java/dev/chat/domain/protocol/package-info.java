/**
 * The wire protocol, the one place both the hub and every adapter take it from: the {@code type} of every frame
 * ({@link dev.chat.domain.protocol.FrameType}), what a client may send and the rules it must pass
 * ({@link dev.chat.domain.protocol.ClientMessage}), the JSON the server writes, error bodies included
 * ({@link dev.chat.domain.protocol.WireFormat}), and the close codes
 * ({@link dev.chat.domain.protocol.CloseReason}). Error codes are the domain's
 * {@link dev.chat.domain.ErrorCode}.
 *
 * <p>Parsing client text is left to the transport, with a hardened JSON library: untrusted input is not something
 * to parse by hand. The transport turns the text into a {@code ClientMessage} or answers with
 * {@link dev.chat.domain.protocol.ClientMessage#notAnObject()}.
 */
package dev.chat.domain.protocol;
