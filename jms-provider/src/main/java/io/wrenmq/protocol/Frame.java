package io.wrenmq.protocol;

/** One protocol frame. Implementations are immutable records, one per {@link FrameType}. */
public sealed interface Frame permits HelloFrame, WelcomeFrame, ErrorFrame, ReceiptFrame, CloseFrame, PingFrame, SetClientIdFrame,
        CreateSessionFrame, CloseSessionFrame, RecoverFrame, RecoveredFrame, SessionAckFrame,
        CreateConsumerFrame, CloseConsumerFrame, PullFrame, PullEmptyFrame, AckFrame,
        SendFrame, SendCreditFrame, DeliverFrame, CreateTempDestinationFrame, DeleteTempDestinationFrame,
        UnsubscribeFrame, CommitFrame, RollbackFrame, BrowseFrame, BrowsedFrame {

    FrameType type();
}
