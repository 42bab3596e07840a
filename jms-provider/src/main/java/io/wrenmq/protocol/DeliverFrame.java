package io.wrenmq.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * The broker pushes a message to a consumer, spending one credit.
 *
 * <pre>
 * consumerId: i32 | deliveryId: i64 | deliveryCount: i32 | message: bytes
 * </pre>
 *
 * @param deliveryId increases with every delivery to this consumer; acknowledgements name it
 * @param deliveryCount {@code JMSXDeliveryCount}: 1 on first delivery; above 1 means {@code JMSRedelivered}
 * @param message the bytes the producer sent, unchanged
 */
public record DeliverFrame(int consumerId, long deliveryId, int deliveryCount, byte[] message) implements Frame {

    public DeliverFrame {
        Objects.requireNonNull(message, "message");
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("deliveryCount " + deliveryCount + " < 1");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.DELIVER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliverFrame f && f.consumerId == consumerId && f.deliveryId == deliveryId
                && f.deliveryCount == deliveryCount && Arrays.equals(f.message, message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumerId, deliveryId, deliveryCount) * 31 + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "DeliverFrame[consumerId=" + consumerId + ", deliveryId=" + deliveryId + ", deliveryCount="
                + deliveryCount + ", message=" + message.length + " bytes]";
    }
}
