package io.wrenmq.protocol;

/**
 * A consumer with prefetch 0 asks for one message. The broker sends one {@link DeliverFrame} as soon as a message is
 * available, or a {@link PullEmptyFrame} with the same {@code pullId} once {@code timeoutMs} has passed without one.
 *
 * <pre>
 * consumerId: i32 | pullId: i64 | timeoutMs: i64
 * </pre>
 *
 * @param timeoutMs 0 answers at once ({@code receiveNoWait}); negative waits until a message comes
 */
public record PullFrame(int consumerId, long pullId, long timeoutMs) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PULL;
    }
}
