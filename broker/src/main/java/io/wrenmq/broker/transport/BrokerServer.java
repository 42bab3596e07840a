package io.wrenmq.broker.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.core.Broker;
import io.wrenmq.jms.client.spi.DuplexStream;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.codec.FrameDecoder;
import io.wrenmq.protocol.codec.FrameEncoder;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where clients connect: the listening TCP socket, the TLS one ({@link TlsConfig}), the in-VM acceptor (a Netty
 * {@link LocalServerChannel}, for a broker with a name), or any of them; and the pipeline every accepted connection
 * gets, the same for all but for TLS at its front.
 */
public final class BrokerServer {
    /** Local addresses are global to the JVM: each broker gets its own, so a stopping one never meets its successor. */
    private static final AtomicLong LOCAL_IDS = new AtomicLong();

    private final Channel tcpChannel;
    private final Channel tlsChannel;
    private final Channel localChannel;
    private final Transports transports;
    private final ChannelGroup clients;

    private BrokerServer(Channel tcpChannel, Channel tlsChannel, Channel localChannel, Transports transports,
                         ChannelGroup clients) {
        this.tcpChannel = tcpChannel;
        this.tlsChannel = tlsChannel;
        this.localChannel = localChannel;
        this.transports = transports;
        this.clients = clients;
    }

    /**
     * Binds what the configuration asks for (TCP when {@link BrokerConfig#tcp()}, in-VM when it has a
     * {@link BrokerConfig#name()}) and starts accepting.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws BindException when the address cannot be bound (the port is taken, the host is not local ...)
     */
    public static BrokerServer bind(BrokerConfig config, Broker broker, Transports transports)
            throws InterruptedException, BindException {
        ChannelGroup clients = new DefaultChannelGroup("wren-clients", GlobalEventExecutor.INSTANCE);
        ChannelInitializer<Channel> pipeline = pipeline(config, broker, clients, false);
        Channel tcp = config.tcp() ? bindTcp(config, "port", config.port(), transports, pipeline) : null;
        Channel tls = null;
        if (config.tls().enabled()) {
            try {
                tls = bindTcp(config, "ssl-port", config.tls().port(), transports,
                        pipeline(config, broker, clients, true));
            } catch (BindException | InterruptedException e) {
                close(tcp);
                throw e;
            }
        }
        Channel local = null;
        if (config.name() != null) {
            ChannelFuture bound = new ServerBootstrap()
                    .group(transports.local(), transports.local())
                    .channel(LocalServerChannel.class)
                    .childHandler(pipeline)
                    .bind(new LocalAddress("wren-vm-" + config.name() + "-" + LOCAL_IDS.incrementAndGet()))
                    .await();
            if (!bound.isSuccess()) {
                close(tcp);
                close(tls);
                BindException e = new BindException("cannot open the in-VM acceptor: " + bound.cause());
                e.initCause(bound.cause());
                throw e;
            }
            local = bound.channel();
        }
        return new BrokerServer(tcp, tls, local, transports, clients);
    }

    private static void close(Channel acceptor) {
        if (acceptor != null) {
            acceptor.close().syncUninterruptibly();
        }
    }

    private static ChannelInitializer<Channel> pipeline(BrokerConfig config, Broker broker, ChannelGroup clients,
                                                        boolean tls) {
        long heartbeat = config.heartbeat().toMillis();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                clients.add(ch);
                ChannelPipeline p = ch.pipeline();
                if (heartbeat > 0) {
                    p.addLast("idle", new IdleStateHandler(3 * heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
                }
                p.addLast("decoder", new FrameDecoder(config.maxFrameSize(), Protocol.MAX_HELLO_SIZE));
                p.addLast("encoder", FrameEncoder.INSTANCE);
                p.addLast("handler", new ConnectionHandler(broker, config));
                if (tls) {
                    TlsHandshake.install(p, config.tls(), config.handshakeTimeout());
                }
            }
        };
    }

    /** Binds {@code port}, the value of the option {@code option}, which a failure names. */
    private static Channel bindTcp(BrokerConfig config, String option, int port, Transports transports,
                                   ChannelInitializer<Channel> pipeline) throws InterruptedException, BindException {
        ServerBootstrap b = new ServerBootstrap()
                .group(transports.acceptor(), transports.workers())
                .channel(transports.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(pipeline);
        ChannelFuture bound = b.bind(new InetSocketAddress(config.host(), port)).await();
        if (!bound.isSuccess()) {
            // NIO reports a java.net.BindException, native epoll its own IOException: one type for the caller.
            BindException e = new BindException("cannot listen on " + config.host() + ":" + port + " (" + option
                    + "): " + bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        return bound.channel();
    }

    /** Whether TCP clients can connect. */
    public boolean listensOnTcp() {
        return tcpChannel != null;
    }

    /**
     * The TCP port actually bound (useful when configured with 0).
     *
     * @throws IllegalStateException if the broker does not listen on TCP
     */
    public int port() {
        if (tcpChannel == null) {
            throw new IllegalStateException("this broker does not listen on TCP (tcp=false); connect with vm://name");
        }
        return ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    }

    /**
     * The TLS port actually bound (useful when configured with 0).
     *
     * @throws IllegalStateException if the broker has no TLS acceptor
     */
    public int tlsPort() {
        if (tlsChannel == null) {
            throw new IllegalStateException("this broker does not listen for TLS clients: set " + TlsConfig.PORT);
        }
        return ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** Whether TLS clients can connect. */
    public boolean listensOnTls() {
        return tlsChannel != null;
    }

    /**
     * Opens a connection from this JVM to the in-VM acceptor. {@code onClosed} runs once, when the client closes the
     * returned stream, whichever side ended the connection.
     *
     * @throws IOException if the broker has no in-VM acceptor, or it is closed
     */
    public DuplexStream connectInVm(Runnable onClosed) throws IOException {
        if (localChannel == null) {
            throw new IOException("this broker has no name, so no in-VM client can reach it");
        }
        return LocalDuplex.connect(transports.local(), (LocalAddress) localChannel.localAddress(), onClosed);
    }

    /** Stops accepting new connections. */
    public void stopAccepting() {
        close(tcpChannel);
        close(tlsChannel);
        close(localChannel);
    }

    /** Closes every client connection that is still open. */
    public void closeClients() {
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
