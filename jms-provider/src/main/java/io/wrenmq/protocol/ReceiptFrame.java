package io.wrenmq.protocol;

/**
 * The request with this id succeeded. For a PERSISTENT send it means the message is durable.
 *
 * <pre>
 * requestId: i64
 * </pre>
 */
public record ReceiptFrame(long requestId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.RECEIPT;
    }
}
