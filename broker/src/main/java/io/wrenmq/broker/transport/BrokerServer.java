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
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.core.Broker;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.codec.FrameDecoder;
import io.wrenmq.protocol.codec.FrameEncoder;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The listening socket and the pipeline every accepted connection gets. */
public final class BrokerServer {
    private final Channel serverChannel;
    private final ChannelGroup clients = new DefaultChannelGroup("wren-clients", GlobalEventExecutor.INSTANCE);

    private BrokerServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws BindException when the address cannot be bound (the port is taken, the host is not local ...)
     */
    public static BrokerServer bind(BrokerConfig config, Broker broker, Transports transports)
            throws InterruptedException, BindException {
        BrokerServer[] self = new BrokerServer[1];
        long heartbeat = config.heartbeat().toMillis();
        ServerBootstrap b = new ServerBootstrap()
                .group(transports.acceptor(), transports.workers())
                .channel(transports.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        self[0].clients.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (heartbeat > 0) {
                            p.addLast("idle", new IdleStateHandler(3 * heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
                        }
                        p.addLast("decoder", new FrameDecoder(config.maxFrameSize(), Protocol.MAX_HELLO_SIZE));
                        p.addLast("encoder", FrameEncoder.INSTANCE);
                        p.addLast("handler", new ConnectionHandler(broker, config));
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(config.host(), config.port())).await();
        if (!bound.isSuccess()) {
            // NIO reports a java.net.BindException, native epoll its own IOException: one type for the caller.
            BindException e = new BindException(bound.cause().getMessage());
            e.initCause(bound.cause());
            throw e;
        }
        self[0] = new BrokerServer(bound.channel());
        return self[0];
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting new connections. */
    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    /** Closes every client connection that is still open. */
    public void closeClients() {
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

}
