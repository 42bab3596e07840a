package io.wrenmq.protocol;

/** What a named destination is, as the kind byte of a {@link WireDestination}. */
public enum DestinationKind {
    QUEUE(1, false, false),
    TOPIC(2, true, false),
    TEMPORARY_QUEUE(3, false, true),
    TEMPORARY_TOPIC(4, true, true);

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
        for (DestinationKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
