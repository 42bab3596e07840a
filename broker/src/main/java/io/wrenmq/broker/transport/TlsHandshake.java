package io.wrenmq.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.time.Duration;

/**
 * TLS at the front of a connection's pipeline: Netty's {@link SslHandler} (JDK engine) and, behind it, this handler,
 * which turns a failed handshake (a plaintext client on the TLS port, a client that does not trust the broker's
 * certificate, a missing or untrusted client certificate) into one log line and a closed connection. Without it the
 * failure would reach {@link ConnectionHandler} as an unexpected exception with a stack trace; other connections
 * are never affected either way.
 */
final class TlsHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TlsHandshake.class);
    /** A plaintext client's bytes come back hex-dumped in Netty's message; a line needs only the start. */
    private static final int MAX_REASON = 200;

    private boolean failed;

    private TlsHandshake() {
    }

    /** Puts TLS first in {@code pipeline}; the handshake must be over within {@code timeout}. */
    static void install(ChannelPipeline pipeline, TlsConfig tls, Duration timeout) {
        SslHandler ssl = tls.context().newHandler(pipeline.channel().alloc());
        ssl.setHandshakeTimeoutMillis(timeout.toMillis());
        pipeline.addFirst("tls-handshake", new TlsHandshake());
        pipeline.addFirst("tls", ssl);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                logSession(ctx);
            } else {
                failed(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed || isTls(cause)) {
            // The handshake event has said it, or will; the exception is the same failure seen a second time.
            failed(ctx, cause);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void failed(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            log.warn("Closing connection from {}: TLS failed: {}", ctx.channel().remoteAddress(), reason(cause));
        }
        ctx.close();
    }

    private static boolean isTls(Throwable cause) {
        return cause instanceof SSLException || cause instanceof DecoderException
                && cause.getCause() instanceof SSLException || cause instanceof NotSslRecordException;
    }

    private static String reason(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "not a TLS client (a plaintext tcp:// client on the TLS port?)";
        }
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String reason = String.valueOf(t.getMessage() == null ? t : t.getMessage());
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    private static void logSession(ChannelHandlerContext ctx) {
        if (!log.isDebugEnabled()) {
            return;
        }
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        String peer;
        try {
            peer = session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            peer = "no client certificate";
        }
        log.debug("TLS with {}: {} {}, {}", ctx.channel().remoteAddress(), session.getProtocol(),
                session.getCipherSuite(), peer);
    }
}
