package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code Session.recover()}: every unacknowledged delivery of the session's consumers goes back to its destination,
 * flagged as redelivered if it is at or below its consumer's mark (it was handed to the application), unflagged
 * otherwise. The broker answers {@link RecoveredFrame}.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | delivered: mark[]
 * </pre>
 */
public record RecoverFrame(long requestId, int sessionId, List<ConsumerMark> delivered) implements Frame {

    public RecoverFrame {
        delivered = List.copyOf(Objects.requireNonNull(delivered, "delivered"));
    }

    @Override
    public FrameType type() {
        return FrameType.RECOVER;
    }
}
