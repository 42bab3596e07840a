package io.wrenmq.protocol;

/**
 * The client closes its connection in order: the broker releases everything the connection held, answers with
 * a {@link ReceiptFrame} and then closes the socket.
 *
 * <pre>
 * requestId: i64
 * </pre>
 */
public record CloseFrame(long requestId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CLOSE;
    }
}
