package io.wrenmq.protocol;

/** What a named destination is, as the kind byte of a {@link WireDestination}. */
public enum DestinationKind {
    QUEUE(1, false, false),
    TOPIC(2, true, false),
    TEMPORARY_QUEUE(3, false, true),
    TEMPORARY_TOPIC(4, true, true);

    /** A table, not a search: it is on the path of every message, and allocates nothing. */
    private static final DestinationKind[] BY_CODE = new DestinationKind[256];

    static {
        for (DestinationKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;
    private final boolean topic;
    private final boolean temporary;

    DestinationKind(int code, boolean topic, boolean temporary) {
        this.code = code;
        this.topic = topic;
        this.temporary = temporary;
    }

    public int code() {
        return code;
    }

    /** Publish/subscribe: every subscription gets its own copy. */
    public boolean isTopic() {
        return topic;
    }

    /** Lives only as long as the connection that created it. */
    public boolean isTemporary() {
        return temporary;
    }

    /** The kind for a wire code, or null if none has it. */
    public static DestinationKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
