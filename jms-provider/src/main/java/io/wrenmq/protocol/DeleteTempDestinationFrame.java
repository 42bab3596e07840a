package io.wrenmq.protocol;

import java.util.Objects;

/**
 * Deletes a temporary destination this connection created. Refused with {@link ErrorCode#ILLEGAL_STATE} while it
 * still has consumers.
 *
 * <pre>
 * requestId: i64 | destination
 * </pre>
 */
public record DeleteTempDestinationFrame(long requestId, WireDestination destination) implements Frame {

    public DeleteTempDestinationFrame {
        Objects.requireNonNull(destination, "destination");
        if (!destination.kind().isTemporary()) {
            throw new IllegalArgumentException(destination + " is not temporary");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.DELETE_TEMP_DESTINATION;
    }
}
