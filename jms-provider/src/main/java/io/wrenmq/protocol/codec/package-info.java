/**
 * The Netty codec of the wire protocol: {@link io.wrenmq.protocol.codec.FrameDecoder} (a state machine that refuses
 * oversized frames before reading them), the stateless {@link io.wrenmq.protocol.codec.FrameEncoder}, the body
 * layouts in {@link io.wrenmq.protocol.codec.FrameCodec}, and {@link io.wrenmq.protocol.codec.FrameOutbox}, which
 * lets any thread send frames and coalesces them into few writes and flushes.
 */
package io.wrenmq.protocol.codec;
