package io.wrenmq.protocol;

import java.util.Objects;

/**
 * Creates a temporary queue or topic owned by this connection; it is deleted when the connection ends.
 *
 * <pre>
 * requestId: i64 | destination
 * </pre>
 */
public record CreateTempDestinationFrame(long requestId, WireDestination destination) implements Frame {

    public CreateTempDestinationFrame {
        Objects.requireNonNull(destination, "destination");
        if (!destination.kind().isTemporary()) {
            throw new IllegalArgumentException(destination + " is not temporary");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.CREATE_TEMP_DESTINATION;
    }
}
