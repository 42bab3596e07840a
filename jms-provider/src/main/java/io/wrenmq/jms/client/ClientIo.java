package io.wrenmq.jms.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops every client connection of this JVM shares. Daemon threads, created on first use, so an
 * application exits without having to shut them down.
 */
final class ClientIo {
    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("wren-client-io", true), NioIoHandler.newFactory());
    }

    private ClientIo() {
    }

    static EventLoopGroup group() {
        return Holder.GROUP;
    }
}
