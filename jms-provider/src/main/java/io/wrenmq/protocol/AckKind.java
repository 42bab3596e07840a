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

    /** A table, not a search: it is on the path of every message, and allocates nothing. */
    private static final AckKind[] BY_CODE = new AckKind[256];

    static {
        for (AckKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;

    AckKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AckKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
