package io.wrenmq.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A producer sends a message. The broker never decodes the body: it reads the few header fields it needs through
 * {@link MessageHeaders} and forwards {@code message} byte for byte.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | destination | message: bytes
 * </pre>
 *
 * @param requestId 0 for a send that wants no receipt (it then spends send window, see {@link SendCreditFrame});
 *        otherwise the broker answers {@link ReceiptFrame} once the message is accepted, durably if PERSISTENT
 * @param message the encoded message, laid out as {@link MessageLayout} describes
 */
public record SendFrame(long requestId, int sessionId, WireDestination destination, byte[] message)
        implements Frame {

    public SendFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public FrameType type() {
        return FrameType.SEND;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendFrame f && f.requestId == requestId && f.sessionId == sessionId
                && f.destination.equals(destination) && Arrays.equals(f.message, message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, sessionId, destination) * 31 + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "SendFrame[requestId=" + requestId + ", sessionId=" + sessionId + ", destination=" + destination
                + ", message=" + message.length + " bytes]";
    }
}
