package io.wrenmq.broker.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;

import java.util.concurrent.TimeUnit;

/**
 * The broker's event loops: one thread that accepts connections, and the worker loops that run both the connections
 * and the destinations. Native epoll on Linux when its library loads, NIO otherwise. In-VM connections run on loops
 * of their own ({@link #local()}): Netty's local channels need a local I/O handler, which epoll and NIO loops are not.
 * Every loop thread starts when it is first given work, so the local loops of a broker without in-VM clients cost
 * no thread.
 */
public final class Transports implements AutoCloseable {
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final EventLoopGroup local;
    private final boolean epoll;

    public Transports(int workerThreads) {
        this.epoll = nativeEpoll();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wren-accept", true), factory);
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("wren-io", true),
                factory);
        this.local = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("wren-vm", true),
                LocalIoHandler.newFactory());
    }

    private static boolean nativeEpoll() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable e) {
            // The native transport jar is optional; without it NIO serves.
            return false;
        }
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    /** Run connections and destinations alike. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** Run in-VM connections, both their broker side and their client side. */
    public EventLoopGroup local() {
        return local;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** "epoll" or "nio", for the start-up line. */
    public String name() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        // Together: destinations on the workers hand work to in-VM connections on the local loops, and back.
        Future<?> localDone = local.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        localDone.syncUninterruptibly();
    }
}
