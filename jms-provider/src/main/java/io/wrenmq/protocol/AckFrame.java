package io.wrenmq.protocol;

import java.util.Objects;

/**
 * One-way acknowledgement from a consumer, also returning credit: the broker may push {@code credit} more
 * deliveries to it. Sent without a receipt; ordering on the connection is what makes it reliable.
 *
 * <pre>
 * consumerId: i32 | deliveryId: i64 | kind: u8 | credit: i32
 * </pre>
 */
public record AckFrame(int consumerId, long deliveryId, AckKind kind, int credit) implements Frame {

    public AckFrame {
        Objects.requireNonNull(kind, "kind");
        if (credit < 0) {
            throw new IllegalArgumentException("credit " + credit + " < 0");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.ACK;
    }
}
