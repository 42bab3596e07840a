package io.wrenmq.protocol;

/** How a topic consumer subscribes, as a byte in {@link CreateConsumerFrame}. Queue consumers use {@link #NONE}. */
public enum SubscriptionKind {
    /** A private, non-durable subscription that ends with its consumer. */
    NONE(0),
    DURABLE(1),
    SHARED(2),
    SHARED_DURABLE(3);

    private final int code;

    SubscriptionKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SubscriptionKind ofCode(int code) {
        for (SubscriptionKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
