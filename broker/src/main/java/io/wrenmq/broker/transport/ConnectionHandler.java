package io.wrenmq.broker.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.core.Broker;
import io.wrenmq.broker.core.BrokerException;
import io.wrenmq.broker.security.Access;
import io.wrenmq.broker.core.ClientChannel;
import io.wrenmq.broker.core.ConsumerSpec;
import io.wrenmq.broker.core.ProtocolViolationException;
import io.wrenmq.broker.core.ServerConnection;
import io.wrenmq.broker.core.ServerMessage;
import io.wrenmq.broker.core.ThrottledLog;
import io.wrenmq.jms.WrenVersion;
import io.wrenmq.persistence.Position;
import io.wrenmq.protocol.AckFrame;
import io.wrenmq.protocol.BrowseFrame;
import io.wrenmq.protocol.BrowsedFrame;
import io.wrenmq.protocol.CloseConsumerFrame;
import io.wrenmq.protocol.CloseFrame;
import io.wrenmq.protocol.CloseSessionFrame;
import io.wrenmq.protocol.CommitFrame;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.CreateConsumerFrame;
import io.wrenmq.protocol.CreateSessionFrame;
import io.wrenmq.protocol.CreateTempDestinationFrame;
import io.wrenmq.protocol.DeleteTempDestinationFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.PingFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullEmptyFrame;
import io.wrenmq.protocol.PullFrame;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.RecoverFrame;
import io.wrenmq.protocol.RecoveredFrame;
import io.wrenmq.protocol.RollbackFrame;
import io.wrenmq.protocol.SendCreditFrame;
import io.wrenmq.protocol.SendFrame;
import io.wrenmq.protocol.SessionAckFrame;
import io.wrenmq.protocol.SetClientIdFrame;
import io.wrenmq.protocol.UnsubscribeFrame;
import io.wrenmq.protocol.WelcomeFrame;
import io.wrenmq.protocol.codec.DecodeFailure;
import io.wrenmq.protocol.codec.FrameOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection on the broker: the handshake, then each frame becomes a call on {@link ServerConnection};
 * the core's answers come back through {@link ClientChannel} and leave through a {@link FrameOutbox}.
 *
 * <p>A client that breaks the protocol (a malformed or unexpected frame) gets one error frame with the reason and
 * is disconnected; the reason is logged once. Nothing it did affects other clients.
 *
 * <p>Runs on the channel's event loop; the {@link ClientChannel} methods may be called from any thread.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter implements ClientChannel {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final ThrottledLog REFUSALS = new ThrottledLog();
    /**
     * Frames queued in the outbox beyond which deliveries pause, as they do when the channel's own buffer passes
     * its high-water mark: together they bound what a client that stops reading costs the broker.
     */
    private static final long MAX_QUEUED_BYTES = 1024 * 1024;

    private final Broker broker;
    private final BrokerConfig config;
    private Channel channel;
    private FrameOutbox outbox;
    private ServerConnection connection;
    private ScheduledFuture<?> handshakeTimer;
    /** HELLO has come; while its login is checked, {@link #connection} is still null. */
    private boolean greeted;
    private volatile boolean closing;
    /** Set when a destination found this connection not writable; cleared when deliveries resume. */
    private final AtomicBoolean deliveriesPaused = new AtomicBoolean();
    /** Whether this connection is within max-connections; see {@link #refuseIfOverLimit}. */
    private boolean admitted;
    private String remote = "?";

    ConnectionHandler(Broker broker, BrokerConfig config) {
        this.broker = broker;
        this.config = config;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        outbox = new FrameOutbox(channel, this::resumeIfWritable);
        remote = String.valueOf(channel.remoteAddress());
        admitted = broker.admission().admit();
        long timeout = config.handshakeTimeout().toMillis();
        handshakeTimer = ctx.executor().schedule(
                () -> refuse("no HELLO within " + timeout + " ms"), timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (channel != null) {
            // Counted in channelActive, which a channel closed while registering never saw.
            broker.admission().release();
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (connection != null) {
            log.debug("Connection {} from {} ended", connection.id(), remote);
            connection.lost();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof DecodeFailure failure) {
            refuse("malformed frame: " + failure.reason());
            return;
        }
        Frame frame = (Frame) msg;
        try {
            if (connection == null) {
                handshake(ctx, frame);
            } else {
                dispatch(frame);
            }
        } catch (BrokerException e) {
            long requestId = requestIdOf(frame);
            if (requestId != 0) {
                error(requestId, e.code(), e.getMessage());
            } else {
                refuse(e.getMessage());
            }
        } catch (ProtocolViolationException e) {
            refuse(e.getMessage());
        }
    }

    private void handshake(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof HelloFrame hello) || greeted) {
            refuse("expected HELLO as the first frame and nothing before WELCOME, got " + frame.type());
            return;
        }
        greeted = true;
        handshakeTimer.cancel(false);
        if (refuseIfOverLimit()) {
            return;
        }
        if (hello.version() != Protocol.VERSION) {
            refuse("protocol version " + hello.version() + " is not supported; this broker speaks version "
                    + Protocol.VERSION);
            return;
        }
        broker.login(hello.user(), hello.password(), remote).whenComplete((access, failure) -> {
            if (ctx.executor().inEventLoop()) {
                admit(ctx, hello, access, failure);
            } else {
                ctx.executor().execute(() -> admit(ctx, hello, access, failure));
            }
        });
    }

    /** After the login: the connection opens, or the client hears why not (the broker logged it already). */
    private void admit(ChannelHandlerContext ctx, HelloFrame hello, Access access, Throwable failure) {
        if (closing || !channel.isActive()) {
            return;
        }
        if (failure != null) {
            closing = true;
            outbox.send(new ErrorFrame(0, ErrorCode.SECURITY, failure.getMessage()));
            closeAfterFlush();
            return;
        }
        try {
            connection = broker.openConnection(this, ctx.executor(), hello.clientId(), access);
        } catch (BrokerException e) {
            outbox.send(new ErrorFrame(0, e.code(), e.getMessage()));
            closeAfterFlush();
            return;
        }
        int heartbeat = (int) config.heartbeat().toMillis();
        outbox.send(new WelcomeFrame(Protocol.VERSION, WrenVersion.get(), connection.id(), config.maxFrameSize(),
                config.sendWindow(), heartbeat));
        log.debug("Connection {} opened from {} (client id {})", connection.id(), remote, hello.clientId());
    }

    /**
     * A connection past max-connections is refused at its HELLO, not when accepted: the client then reads the
     * reason rather than a connection reset.
     */
    private boolean refuseIfOverLimit() {
        if (admitted) {
            return false;
        }
        closing = true;
        outbox.send(new ErrorFrame(0, ErrorCode.RESOURCE_ALLOCATION, broker.admission().refusal(remote)));
        closeAfterFlush();
        return true;
    }

    private void dispatch(Frame frame) {
        ServerConnection c = connection;
        // The message path apart from the rarer requests: a request type seen for the first time (a temporary
        // queue created, say) then deoptimizes only the compiled code of dispatchRequest.
        if (frame instanceof SendFrame f) {
            c.send(f.requestId(), f.sessionId(), f.destination(), f.message());
        } else if (frame instanceof AckFrame f) {
            c.ack(f.consumerId(), f.deliveryId(), f.kind(), f.credit());
        } else {
            dispatchRequest(c, frame);
        }
    }

    private void dispatchRequest(ServerConnection c, Frame frame) {
        switch (frame.type()) {
            case PULL -> {
                PullFrame f = (PullFrame) frame;
                c.pull(f.consumerId(), f.pullId(), f.timeoutMs());
            }
            case PING -> {
                // Its arrival is all it says: the idle timer saw it.
            }
            case SESSION_ACK -> {
                SessionAckFrame f = (SessionAckFrame) frame;
                c.sessionAck(f.requestId(), f.sessionId(), f.upTo());
            }
            case CREATE_SESSION -> {
                CreateSessionFrame f = (CreateSessionFrame) frame;
                c.createSession(f.requestId(), f.sessionId(), f.ackMode());
            }
            case CLOSE_SESSION -> {
                CloseSessionFrame f = (CloseSessionFrame) frame;
                c.closeSession(f.requestId(), f.sessionId(), f.delivered());
            }
            case RECOVER -> {
                RecoverFrame f = (RecoverFrame) frame;
                c.recover(f.requestId(), f.sessionId(), f.delivered());
            }
            case COMMIT -> {
                CommitFrame f = (CommitFrame) frame;
                c.commit(f.requestId(), f.sessionId(), f.consumed());
            }
            case ROLLBACK -> {
                RollbackFrame f = (RollbackFrame) frame;
                c.rollback(f.requestId(), f.sessionId(), f.delivered());
            }
            case CREATE_CONSUMER -> {
                CreateConsumerFrame f = (CreateConsumerFrame) frame;
                c.createConsumer(f.requestId(), f.sessionId(), f.consumerId(), new ConsumerSpec(f.destination(),
                        f.selector(), f.noLocal(), f.prefetch(), f.subscriptionName(), f.subscriptionKind()));
            }
            case CLOSE_CONSUMER -> {
                CloseConsumerFrame f = (CloseConsumerFrame) frame;
                c.closeConsumer(f.requestId(), f.consumerId(), f.lastDelivered());
            }
            case BROWSE -> {
                BrowseFrame f = (BrowseFrame) frame;
                c.browse(f.requestId(), f.queue(), f.selector(), new Position(f.afterPriority(), f.afterId()),
                        f.max());
            }
            case UNSUBSCRIBE -> {
                UnsubscribeFrame f = (UnsubscribeFrame) frame;
                c.unsubscribe(f.requestId(), f.name());
            }
            case SET_CLIENT_ID -> {
                SetClientIdFrame f = (SetClientIdFrame) frame;
                c.setClientId(f.requestId(), f.clientId());
            }
            case CREATE_TEMP_DESTINATION -> {
                CreateTempDestinationFrame f = (CreateTempDestinationFrame) frame;
                c.createTemporary(f.requestId(), f.destination());
            }
            case DELETE_TEMP_DESTINATION -> {
                DeleteTempDestinationFrame f = (DeleteTempDestinationFrame) frame;
                c.deleteTemporary(f.requestId(), f.destination());
            }
            case CLOSE -> {
                closing = true;
                c.close(((CloseFrame) frame).requestId());
            }
            default -> throw new ProtocolViolationException("a client may not send " + frame.type());
        }
    }

    private static long requestIdOf(Frame frame) {
        return switch (frame.type()) {
            case SEND -> ((SendFrame) frame).requestId();
            case CREATE_SESSION -> ((CreateSessionFrame) frame).requestId();
            case CLOSE_SESSION -> ((CloseSessionFrame) frame).requestId();
            case RECOVER -> ((RecoverFrame) frame).requestId();
            case COMMIT -> ((CommitFrame) frame).requestId();
            case ROLLBACK -> ((RollbackFrame) frame).requestId();
            case SESSION_ACK -> ((SessionAckFrame) frame).requestId();
            case CREATE_CONSUMER -> ((CreateConsumerFrame) frame).requestId();
            case CLOSE_CONSUMER -> ((CloseConsumerFrame) frame).requestId();
            case UNSUBSCRIBE -> ((UnsubscribeFrame) frame).requestId();
            case BROWSE -> ((BrowseFrame) frame).requestId();
            case SET_CLIENT_ID -> ((SetClientIdFrame) frame).requestId();
            case CREATE_TEMP_DESTINATION -> ((CreateTempDestinationFrame) frame).requestId();
            case DELETE_TEMP_DESTINATION -> ((DeleteTempDestinationFrame) frame).requestId();
            case CLOSE -> ((CloseFrame) frame).requestId();
            default -> 0;
        };
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeIfWritable();
        ctx.fireChannelWritabilityChanged();
    }

    /** On the event loop, when the outbox drained or the socket took what was buffered. */
    private void resumeIfWritable() {
        if (deliveriesPaused.get() && writable() && connection != null && deliveriesPaused.compareAndSet(true, false)) {
            connection.resumeDeliveries();
        }
    }

    private boolean writable() {
        return channel.isWritable() && outbox.queuedBytes() < MAX_QUEUED_BYTES;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                refuse("nothing heard from the client for " + 3 * config.heartbeat().toMillis() + " ms");
            } else if (idle.state() == IdleState.WRITER_IDLE && connection != null) {
                outbox.send(PingFrame.INSTANCE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // A client that vanished (connection reset): the normal end of a killed client, not worth a warning.
            log.debug("I/O error on connection from {}: {}", remote, cause.toString());
        } else {
            log.warn("Closing connection from {} after an unexpected error", remote, cause);
        }
        ctx.close();
    }

    /** Tells the client why, logs it once, and disconnects. */
    private void refuse(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        // A flood of bad connections must not become a flood of log lines.
        log.debug("Closing connection from {}: {}", remote, reason);
        REFUSALS.warn(log, "Closing connection from {}: {}", remote, reason);
        outbox.send(new ErrorFrame(0, ErrorCode.PROTOCOL, reason));
        closeAfterFlush();
    }

    private void closeAfterFlush() {
        channel.eventLoop().execute(() -> {
            outbox.run();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
    }

    // ClientChannel: any thread.

    @Override
    public void deliver(int consumerId, long deliveryId, int deliveryCount, ServerMessage message) {
        outbox.send(new DeliverFrame(consumerId, deliveryId, deliveryCount, message.encoded()));
    }

    @Override
    public void pullEmpty(int consumerId, long pullId) {
        outbox.send(new PullEmptyFrame(consumerId, pullId));
    }

    @Override
    public void receipt(long requestId) {
        outbox.send(new ReceiptFrame(requestId));
    }

    @Override
    public void error(long requestId, ErrorCode code, String message) {
        outbox.send(new ErrorFrame(requestId, code, message));
    }

    @Override
    public void recovered(long requestId, List<ConsumerMark> restartFrom) {
        outbox.send(new RecoveredFrame(requestId, restartFrom));
    }

    @Override
    public void browsed(long requestId, List<ServerMessage> messages, List<Integer> deliveryCounts, Position last,
                        boolean more) {
        List<byte[]> encoded = new ArrayList<>(messages.size());
        for (ServerMessage m : messages) {
            encoded.add(m.encoded());
        }
        outbox.send(new BrowsedFrame(requestId, encoded, deliveryCounts, last.priority(), last.messageId(), more));
    }

    @Override
    public void sendCredit(int bytes) {
        outbox.send(new SendCreditFrame(bytes));
    }

    @Override
    public void close(String reason) {
        closing = true;
        outbox.send(new ErrorFrame(0, ErrorCode.GENERAL, reason));
        closeAfterFlush();
    }

    @Override
    public void disconnect() {
        closing = true;
        closeAfterFlush();
    }

    /** Any thread: a destination asks before each delivery. */
    @Override
    public boolean acceptsDeliveries() {
        if (writable()) {
            return true;
        }
        // Flagged before looking again: a resume that ran between the two looks is then not missed.
        deliveriesPaused.set(true);
        return writable();
    }

    @Override
    public String remoteAddress() {
        return remote;
    }
}
