package io.wrenmq.protocol;

/**
 * Constants both ends of a connection agree on.
 *
 * <p>Every frame on the wire is:
 * <pre>
 * +--------------+-----------+-----------------------------+
 * | length: i32  | type: u8  | body: (length - 1) bytes    |
 * +--------------+-----------+-----------------------------+
 * </pre>
 * {@code length} counts the type byte and the body, so a frame occupies {@code 4 + length} bytes. All integers are
 * big-endian. A string is an {@code i32} byte count ({@code -1} for null) followed by UTF-8 bytes; a byte array is an
 * {@code i32} count followed by the bytes. The first frame a client sends is {@link HelloFrame}, the first the broker
 * answers is {@link WelcomeFrame} or {@link ErrorFrame}.
 */
public final class Protocol {
    /** "WREN" in ASCII: the first four body bytes of a HELLO, so a stray HTTP or TLS client is refused at once. */
    public static final int MAGIC = 0x5752454E;
    /** Raised whenever a frame's layout changes; a broker refuses a client whose version it does not speak. */
    public static final int VERSION = 1;
    /** The broker's default limit for one frame, body included. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024;
    /** The smallest limit that still leaves room for a HELLO with long credentials. */
    public static final int MIN_MAX_FRAME_SIZE = 4 * 1024;
    /** Bytes before the body: the length prefix and the type byte. */
    public static final int FRAME_OVERHEAD = 5;
    public static final int DEFAULT_PORT = 61700;
    /** The port of TLS clients ({@code ssl://}) by convention, next to the plain one as ActiveMQ's 61617 is. */
    public static final int DEFAULT_TLS_PORT = 61701;
    /** The largest HELLO a broker reads: far more than client id, user and password need. */
    public static final int MAX_HELLO_SIZE = 16 * 1024;
    /**
     * The request id of an {@link ErrorFrame} that says sends which asked for no answer were refused (a full
     * destination whose policy is to fail): the connection stays open; the client tells its ExceptionListener.
     */
    public static final long REFUSED_UNANSWERED_SENDS = -1;

    private Protocol() {
    }
}
