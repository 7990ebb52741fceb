/**
 * What the core offers its adapters: a {@link dev.chat.domain.port.offered.ChatHub} to connect clients to, and the
 * {@link dev.chat.domain.port.offered.Client} handle each connection gets back. The hub module implements them.
 */
package dev.chat.domain.port.offered;
