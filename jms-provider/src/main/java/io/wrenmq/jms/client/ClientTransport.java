package io.wrenmq.jms.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.wrenmq.protocol.BrowsedFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.PingFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullEmptyFrame;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.RecoveredFrame;
import io.wrenmq.protocol.SendCreditFrame;
import io.wrenmq.protocol.WelcomeFrame;
import io.wrenmq.protocol.codec.DecodeFailure;
import io.wrenmq.protocol.codec.FrameDecoder;
import io.wrenmq.protocol.codec.FrameEncoder;
import io.wrenmq.protocol.codec.FrameOutbox;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * One TCP connection to a broker: the handshake, requests matched to their replies, and inbound frames handed to a
 * {@link Listener} on the I/O thread. Thread-safe.
 */
final class ClientTransport {
    private static final Logger log = LoggerFactory.getLogger(ClientTransport.class);
    /** The client accepts frames up to this size from the broker; the broker's own limit governs sends. */
    private static final int MAX_INBOUND_FRAME = 64 * 1024 * 1024;

    /** Receives what the broker pushes; called on the I/O thread and must not block. */
    interface Listener {
        void onDeliver(DeliverFrame frame);

        void onPullEmpty(PullEmptyFrame frame);

        void onSendCredit(int bytes);

        /** The connection ended; {@code cause} is null when the client closed it in order. */
        void onClosed(JMSException cause);
    }

    private final Channel channel;
    private final FrameOutbox outbox;
    private final long requestTimeoutMs;
    private final AtomicLong requestIds = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final Handler handler;
    private volatile WelcomeFrame welcome;
    private volatile boolean closing;

    private ClientTransport(Channel channel, Handler handler, long requestTimeoutMs) {
        this.channel = channel;
        this.handler = handler;
        this.outbox = new FrameOutbox(channel);
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /**
     * Connects and shakes hands.
     *
     * @throws JMSException with the broker's reason if it refused (e.g. {@code InvalidClientIDException}), or if
     *         it could not be reached in time
     */
    static ClientTransport connect(BrokerUrl url, HelloFrame hello, Listener listener) throws JMSException {
        long connectTimeout = url.millis("connectTimeout", 10_000);
        Handler handler = new Handler(listener);
        Bootstrap b = new Bootstrap()
                .group(ClientIo.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("decoder", new FrameDecoder(MAX_INBOUND_FRAME));
                        ch.pipeline().addLast("encoder", FrameEncoder.INSTANCE);
                        ch.pipeline().addLast("handler", handler);
                    }
                });
        ChannelFuture cf = b.connect(url.host(), url.port());
        if (!cf.awaitUninterruptibly(connectTimeout + 1000) || !cf.isSuccess()) {
            cf.channel().close();
            Throwable cause = cf.cause();
            throw Exceptions.withCause(new JMSException("cannot connect to the broker at " + url.host() + ":"
                    + url.port() + ": " + (cause == null ? "timed out" : cause.getMessage())),
                    cause == null ? new TimeoutException() : cause);
        }
        ClientTransport t = new ClientTransport(cf.channel(), handler, url.millis("requestTimeout", 30_000));
        handler.transport = t;
        t.outbox.send(hello);
        Frame answer;
        try {
            answer = handler.handshake.get(connectTimeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.channel.close();
            throw Exceptions.withCause(new JMSException("interrupted while connecting"), e);
        } catch (ExecutionException | TimeoutException e) {
            t.channel.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof JMSException je) {
                throw je;
            }
            throw Exceptions.withCause(new JMSException("no answer from the broker at " + url.host() + ":"
                    + url.port() + " within " + connectTimeout + " ms"), cause);
        }
        if (answer instanceof ErrorFrame error) {
            t.channel.close();
            throw Exceptions.of(error.code(), error.message());
        }
        WelcomeFrame w = (WelcomeFrame) answer;
        t.welcome = w;
        if (w.heartbeatMs() > 0) {
            long hb = w.heartbeatMs();
            t.channel.eventLoop().execute(() -> t.channel.pipeline().addFirst("idle",
                    new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS)));
        }
        return t;
    }

    WelcomeFrame welcome() {
        return welcome;
    }

    boolean isOpen() {
        return channel.isActive() && !closing;
    }

    /** Sends a frame that wants no reply. */
    void send(Frame frame) {
        outbox.send(frame);
    }

    /**
     * Sends a request built around a fresh request id and waits for its reply.
     *
     * @return the {@link ReceiptFrame}, {@link RecoveredFrame} or {@link BrowsedFrame}
     * @throws JMSException the exception the broker's error names, or a failure of the connection
     */
    Frame request(LongFunction<Frame> build) throws JMSException {
        return await(requestAsync(build));
    }

    /** Sends a request; the future completes with the reply or a {@link JMSException}. */
    CompletableFuture<Frame> requestAsync(LongFunction<Frame> build) {
        long id = requestIds.incrementAndGet();
        CompletableFuture<Frame> f = new CompletableFuture<>();
        pending.put(id, f);
        if (!channel.isActive()) {
            pending.remove(id);
            f.completeExceptionally(handler.failure());
            return f;
        }
        outbox.send(build.apply(id));
        return f;
    }

    /** Waits for a request's reply, at most the request timeout. */
    Frame await(CompletableFuture<Frame> f) throws JMSException {
        return await(f, requestTimeoutMs);
    }

    /**
     * Waits for the receipt of a send for as long as the connection lives: a broker over its memory limit holds
     * receipts back on purpose, and a send that gave up on a message the broker has would invite a duplicate. A
     * dead broker is noticed by the heartbeat, which fails the wait.
     */
    Frame awaitReceipt(CompletableFuture<Frame> f) throws JMSException {
        return await(f, Long.MAX_VALUE);
    }

    private Frame await(CompletableFuture<Frame> f, long timeoutMs) throws JMSException {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exceptions.withCause(new JMSException("interrupted while waiting for the broker"), e);
        } catch (TimeoutException e) {
            throw Exceptions.withCause(new JMSException("no answer from the broker within " + requestTimeoutMs
                    + " ms"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException je) {
                // Rethrown as a new exception so that the stack shows the caller, not the I/O thread.
                JMSException copy = copyOf(je);
                throw copy;
            }
            throw Exceptions.withCause(new JMSException(String.valueOf(cause)), cause);
        }
    }

    private static JMSException copyOf(JMSException e) {
        JMSException copy;
        try {
            copy = e.getClass().getConstructor(String.class).newInstance(e.getMessage());
        } catch (ReflectiveOperationException notCopyable) {
            return e;
        }
        copy.initCause(e);
        return copy;
    }

    /** Closes the socket; what was sent before is written first. */
    void close() {
        closing = true;
        channel.eventLoop().execute(() -> {
            outbox.run();
            channel.close();
        });
    }

    /** Closes the socket without waiting for anything, as a failure does. */
    void abort() {
        channel.close();
    }

    /** Inbound frames: replies complete requests, the rest go to the listener. */
    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        final CompletableFuture<Frame> handshake = new CompletableFuture<>();
        ClientTransport transport;
        private volatile String brokerReason;
        private volatile ErrorCode brokerCode;

        Handler(Listener listener) {
            this.listener = listener;
        }

        JMSException failure() {
            String reason = brokerReason;
            if (reason != null && brokerCode != null && brokerCode != ErrorCode.PROTOCOL
                    && brokerCode != ErrorCode.GENERAL) {
                return Exceptions.of(brokerCode, reason);
            }
            return new JMSException("the connection to the broker was lost"
                    + (reason == null ? "" : ": " + reason));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DecodeFailure failure) {
                brokerReason = "malformed frame from the broker: " + failure.reason();
                log.warn("Closing the connection to {}: {}", ctx.channel().remoteAddress(), brokerReason);
                ctx.close();
                return;
            }
            Frame frame = (Frame) msg;
            switch (frame.type()) {
                case DELIVER -> listener.onDeliver((DeliverFrame) frame);
                case RECEIPT -> complete(((ReceiptFrame) frame).requestId(), frame);
                case SEND_CREDIT -> listener.onSendCredit(((SendCreditFrame) frame).bytes());
                case PULL_EMPTY -> listener.onPullEmpty((PullEmptyFrame) frame);
                case RECOVERED -> complete(((RecoveredFrame) frame).requestId(), frame);
                case BROWSED -> complete(((BrowsedFrame) frame).requestId(), frame);
                case PING -> {
                }
                case WELCOME -> handshake.complete(frame);
                case ERROR -> onError(ctx, (ErrorFrame) frame);
                default -> {
                    brokerReason = "the broker sent an unexpected " + frame.type() + " frame";
                    ctx.close();
                }
            }
        }

        private void onError(ChannelHandlerContext ctx, ErrorFrame error) {
            if (error.requestId() == 0) {
                // The broker is about to close the connection and says why.
                brokerReason = error.message();
                brokerCode = error.code();
                if (!handshake.isDone()) {
                    handshake.complete(error);
                }
                return;
            }
            CompletableFuture<Frame> f = transport == null ? null : transport.pending.remove(error.requestId());
            if (f != null) {
                f.completeExceptionally(Exceptions.of(error.code(), error.message()));
            }
        }

        private void complete(long requestId, Frame frame) {
            CompletableFuture<Frame> f = transport == null ? null : transport.pending.remove(requestId);
            if (f != null) {
                f.complete(frame);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.READER_IDLE) {
                    brokerReason = "nothing heard from the broker for too long";
                    ctx.close();
                } else if (idle.state() == IdleState.WRITER_IDLE && transport != null) {
                    transport.outbox.send(PingFrame.INSTANCE);
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (brokerReason == null) {
                brokerReason = cause.toString();
            }
            log.debug("I/O error on the connection to {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            JMSException failure = failure();
            if (!handshake.isDone()) {
                handshake.completeExceptionally(failure);
            }
            ClientTransport t = transport;
            if (t == null) {
                return;
            }
            for (Long id : t.pending.keySet()) {
                CompletableFuture<Frame> f = t.pending.remove(id);
                if (f != null) {
                    f.completeExceptionally(failure);
                }
            }
            listener.onClosed(t.closing ? null : failure);
        }
    }

    /** Protocol constant re-exported for callers that size messages. */
    static int frameOverhead() {
        return Protocol.FRAME_OVERHEAD;
    }
}
