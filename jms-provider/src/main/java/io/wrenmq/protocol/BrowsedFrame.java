package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One page of a queue browse, answering {@link BrowseFrame}.
 *
 * <pre>
 * requestId: i64 | count: i32 | count x (deliveryCount: i32 | message: bytes) | lastPriority: i32 | lastId: i64 |
 * more: bool
 * </pre>
 *
 * @param messages the messages, as their producers encoded them
 * @param deliveryCounts for each message, the {@code JMSXDeliveryCount} its next delivery would have
 * @param lastPriority with {@code lastId}, where the next page starts: the last position the broker looked at
 * @param more false when the broker found nothing after this page
 */
public record BrowsedFrame(long requestId, List<byte[]> messages, List<Integer> deliveryCounts, int lastPriority,
                           long lastId, boolean more) implements Frame {

    public BrowsedFrame {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        deliveryCounts = List.copyOf(Objects.requireNonNull(deliveryCounts, "deliveryCounts"));
        if (messages.size() != deliveryCounts.size()) {
            throw new IllegalArgumentException(messages.size() + " messages but " + deliveryCounts.size()
                    + " delivery counts");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.BROWSED;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BrowsedFrame f) || f.requestId != requestId || f.lastPriority != lastPriority
                || f.lastId != lastId || f.more != more || !f.deliveryCounts.equals(deliveryCounts)
                || f.messages.size() != messages.size()) {
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!java.util.Arrays.equals(f.messages.get(i), messages.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, lastPriority, lastId, more, deliveryCounts, messages.size());
    }

    @Override
    public String toString() {
        return "BrowsedFrame[requestId=" + requestId + ", " + messages.size() + " messages, last=" + lastPriority
                + "/" + lastId + ", more=" + more + "]";
    }
}
