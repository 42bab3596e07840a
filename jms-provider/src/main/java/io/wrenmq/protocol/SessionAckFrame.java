package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Acknowledges, for each listed consumer, every delivery up to and including its mark: what
 * {@code Message.acknowledge()} means in CLIENT_ACKNOWLEDGE mode. Answered with {@link ReceiptFrame} once the
 * acknowledgements are done (durably, for persistent messages).
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | upTo: mark[]
 * </pre>
 */
public record SessionAckFrame(long requestId, int sessionId, List<ConsumerMark> upTo) implements Frame {

    public SessionAckFrame {
        upTo = List.copyOf(Objects.requireNonNull(upTo, "upTo"));
    }

    @Override
    public FrameType type() {
        return FrameType.SESSION_ACK;
    }
}
