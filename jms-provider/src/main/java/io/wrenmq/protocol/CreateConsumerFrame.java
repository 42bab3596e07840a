package io.wrenmq.protocol;

import java.util.Objects;

/**
 * Opens a consumer in a session.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | consumerId: i32 | destination | selector: str? | noLocal: bool |
 * prefetch: i32 | subscriptionName: str? | subscriptionKind: u8
 * </pre>
 *
 * @param consumerId chosen by the client, unique within its connection
 * @param prefetch the credit window: how many deliveries the broker may push before the client returns credit;
 *        0 means pure pull, one delivery per {@link PullFrame}
 */
public record CreateConsumerFrame(long requestId, int sessionId, int consumerId, WireDestination destination,
                                  String selector, boolean noLocal, int prefetch, String subscriptionName,
                                  SubscriptionKind subscriptionKind) implements Frame {

    public CreateConsumerFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(subscriptionKind, "subscriptionKind");
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch " + prefetch + " < 0");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.CREATE_CONSUMER;
    }
}
