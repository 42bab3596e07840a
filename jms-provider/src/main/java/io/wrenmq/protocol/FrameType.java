package io.wrenmq.protocol;

/** The kind of a frame, as the type byte on the wire. Codes are never reused once released. */
public enum FrameType {
    HELLO(1),
    WELCOME(2),
    ERROR(3),
    RECEIPT(4),
    CLOSE(5),
    PING(6),
    SET_CLIENT_ID(7),
    CREATE_SESSION(10),
    CLOSE_SESSION(11),
    RECOVER(12),
    RECOVERED(13),
    SESSION_ACK(14),
    COMMIT(15),
    ROLLBACK(16),
    CREATE_CONSUMER(20),
    CLOSE_CONSUMER(21),
    UNSUBSCRIBE(22),
    BROWSE(26),
    BROWSED(27),
    PULL(23),
    PULL_EMPTY(24),
    ACK(25),
    SEND(30),
    SEND_CREDIT(31),
    DELIVER(32),
    CREATE_TEMP_DESTINATION(40),
    DELETE_TEMP_DESTINATION(41);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null if no frame has that code. */
    public static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
