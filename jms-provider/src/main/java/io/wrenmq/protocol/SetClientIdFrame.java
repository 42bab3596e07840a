package io.wrenmq.protocol;

import java.util.Objects;

/**
 * Gives the connection its client identifier after it was created ({@code Connection.setClientID}). The broker
 * answers {@link ReceiptFrame}, or {@link ErrorFrame} with {@link ErrorCode#INVALID_CLIENT_ID} when another
 * connection holds that id.
 *
 * <pre>
 * requestId: i64 | clientId: str
 * </pre>
 */
public record SetClientIdFrame(long requestId, String clientId) implements Frame {

    public SetClientIdFrame {
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public FrameType type() {
        return FrameType.SET_CLIENT_ID;
    }
}
