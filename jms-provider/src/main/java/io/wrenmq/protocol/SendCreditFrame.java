package io.wrenmq.protocol;

/**
 * The broker returns send window: the client may have {@code bytes} more of unreceipted sends in flight. The broker
 * withholds it while a destination is over its memory limit, which is how a fast producer is held back without
 * stopping the rest of its connection.
 *
 * <pre>
 * bytes: i32
 * </pre>
 */
public record SendCreditFrame(int bytes) implements Frame {

    public SendCreditFrame {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes " + bytes + " <= 0");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.SEND_CREDIT;
    }
}
