/**
 * Wren's wire protocol, shared by the client and the broker: one immutable record per frame kind, the
 * {@link io.wrenmq.protocol.FrameType} enum that numbers them, and the binary layout of an encoded message.
 *
 * <p>Internal to Wren: applications use {@code jakarta.jms}; this package may change between releases, and the
 * handshake carries {@link io.wrenmq.protocol.Protocol#VERSION} so that both ends can tell.
 */
package io.wrenmq.protocol;
