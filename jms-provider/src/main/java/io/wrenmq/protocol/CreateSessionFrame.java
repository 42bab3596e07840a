package io.wrenmq.protocol;

/**
 * Opens a session on the connection.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | ackMode: u8
 * </pre>
 *
 * @param sessionId chosen by the client, unique within its connection
 * @param ackMode the {@code jakarta.jms.Session} constant: 0 transacted, 1 auto, 2 client, 3 dups-ok
 */
public record CreateSessionFrame(long requestId, int sessionId, int ackMode) implements Frame {

    public static final int TRANSACTED = 0;
    public static final int AUTO_ACKNOWLEDGE = 1;
    public static final int CLIENT_ACKNOWLEDGE = 2;
    public static final int DUPS_OK_ACKNOWLEDGE = 3;

    public CreateSessionFrame {
        if (ackMode < TRANSACTED || ackMode > DUPS_OK_ACKNOWLEDGE) {
            throw new IllegalArgumentException("ackMode " + ackMode + " is not 0..3");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.CREATE_SESSION;
    }
}
