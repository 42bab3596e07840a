package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code Session.rollback()} of a transacted session: the messages it sent since its last commit or rollback are
 * discarded, and its consumers' deliveries go back as {@link RecoverFrame} says (flagged up to each consumer's
 * mark). The broker answers {@link RecoveredFrame}.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | delivered: mark[]
 * </pre>
 */
public record RollbackFrame(long requestId, int sessionId, List<ConsumerMark> delivered) implements Frame {

    public RollbackFrame {
        delivered = List.copyOf(Objects.requireNonNull(delivered, "delivered"));
    }

    @Override
    public FrameType type() {
        return FrameType.ROLLBACK;
    }
}
