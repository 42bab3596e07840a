package io.wrenmq.protocol;

/**
 * Closes a consumer. Its prefetched deliveries above {@code lastDelivered} were never seen by the application and
 * go back to the destination unflagged; what happens to the ones at or below it depends on the session's mode (see
 * the broker's session).
 *
 * <pre>
 * requestId: i64 | consumerId: i32 | lastDelivered: i64
 * </pre>
 */
public record CloseConsumerFrame(long requestId, int consumerId, long lastDelivered) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CLOSE_CONSUMER;
    }
}
