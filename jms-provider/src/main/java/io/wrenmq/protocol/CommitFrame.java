package io.wrenmq.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code Session.commit()} of a transacted session: the messages the session sent since its last commit or
 * rollback (held by the broker, unseen) are delivered, and for each listed consumer every delivery up to and
 * including its mark is acknowledged, as one unit (one store transaction for the persistent part). Answered with
 * {@link ReceiptFrame} once done, or with {@link ErrorCode#TRANSACTION_ROLLED_BACK} if the broker could not commit
 * and rolled the transaction back instead.
 *
 * <pre>
 * requestId: i64 | sessionId: i32 | consumed: mark[]
 * </pre>
 */
public record CommitFrame(long requestId, int sessionId, List<ConsumerMark> consumed) implements Frame {

    public CommitFrame {
        consumed = List.copyOf(Objects.requireNonNull(consumed, "consumed"));
    }

    @Override
    public FrameType type() {
        return FrameType.COMMIT;
    }
}
