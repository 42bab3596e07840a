package io.wrenmq.protocol;

/** What an {@link AckFrame} says about its delivery id. */
public enum AckKind {
    /** Only the named delivery is acknowledged and removed. */
    CONSUMED_ONE(1),
    /** Every delivery of the consumer up to and including the named one is acknowledged and removed. */
    CONSUMED_UP_TO(2),
    /**
     * Nothing is acknowledged: the application now has the named delivery, and the frame returns its credit
     * (CLIENT_ACKNOWLEDGE, where acknowledging comes later, and a delivery the client could not decode).
     */
    DELIVERED(3),
    /**
     * The named delivery expired before the client could hand it over: the broker moves it to the expiry queue (or
     * drops it), and the frame returns its credit.
     */
    EXPIRED(4);

    private final int code;

    AckKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AckKind ofCode(int code) {
        for (AckKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
