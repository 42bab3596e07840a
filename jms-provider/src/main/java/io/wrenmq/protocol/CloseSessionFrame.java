package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Closes a session and every consumer in it. Unacknowledged deliveries go back to their destinations: those up to
 * each consumer's mark were handed to the application and come back flagged as redelivered, later ones were only
 * prefetched and come back unflagged.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | delivered: mark[]
 * </pre>
 */
public record CloseSessionFrame(long requestId, int sessionId, List<ConsumerMark> delivered) implements Frame {

    public CloseSessionFrame {
        delivered = List.copyOf(Objects.requireNonNull(delivered, "delivered"));
    }

    @Override
    public FrameType type() {
        return FrameType.CLOSE_SESSION;
    }
}
