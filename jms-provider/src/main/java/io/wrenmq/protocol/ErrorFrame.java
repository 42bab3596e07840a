package io.wrenmq.protocol;

import java.util.Objects;

/**
 * A request failed, or (with {@code requestId} 0) the connection is about to be closed for the given reason, or
 * (with {@link Protocol#REFUSED_UNANSWERED_SENDS}) sends without receipt were refused.
 *
 * <pre>
 * requestId: i64 | code: u8 | message: str
 * </pre>
 */
public record ErrorFrame(long requestId, ErrorCode code, String message) implements Frame {

    public ErrorFrame {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public FrameType type() {
        return FrameType.ERROR;
    }
}
