package io.wrenmq.protocol;

import java.util.Objects;

/**
 * Removes a durable subscription of this connection's client id (none, for a shared subscription created without
 * one). Refused with {@link ErrorCode#INVALID_DESTINATION} if there is no such subscription, and with
 * {@link ErrorCode#ILLEGAL_STATE} while a consumer is active on it.
 *
 * <pre>
 * requestId: i64 | name: str
 * </pre>
 */
public record UnsubscribeFrame(long requestId, String name) implements Frame {

    public UnsubscribeFrame {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public FrameType type() {
        return FrameType.UNSUBSCRIBE;
    }
}
