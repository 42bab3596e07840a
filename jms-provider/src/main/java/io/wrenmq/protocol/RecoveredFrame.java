package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link RecoverFrame}. For each consumer, the first delivery id issued after the recovery: the
 * client discards any delivery with a lower id that reached it, because the broker took it back.
 *
 * <pre>
 * requestId: i64 | restartFrom: mark[]
 * </pre>
 */
public record RecoveredFrame(long requestId, List<ConsumerMark> restartFrom) implements Frame {

    public RecoveredFrame {
        restartFrom = List.copyOf(Objects.requireNonNull(restartFrom, "restartFrom"));
    }

    @Override
    public FrameType type() {
        return FrameType.RECOVERED;
    }
}
