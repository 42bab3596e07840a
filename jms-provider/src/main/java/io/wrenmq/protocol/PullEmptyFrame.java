package io.wrenmq.protocol;

/**
 * The {@link PullFrame} with this id timed out with no message for the consumer.
 *
 * <pre>
 * consumerId: i32 | pullId: i64
 * </pre>
 */
public record PullEmptyFrame(int consumerId, long pullId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PULL_EMPTY;
    }
}
