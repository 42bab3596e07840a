package io.wrenmq.protocol;

/**
 * A position in one consumer's stream of deliveries, used by the session frames. Its meaning depends on the frame:
 * the last delivery handed to the application, the last one acknowledged, or the first one after a recovery.
 *
 * <pre>
 * consumerId: i32 | deliveryId: i64
 * </pre>
 * A list of marks is an {@code i32} count followed by the marks.
 */
public record ConsumerMark(int consumerId, long deliveryId) {
}
