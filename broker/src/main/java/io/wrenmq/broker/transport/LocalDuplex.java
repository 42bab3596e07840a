package io.wrenmq.broker.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.wrenmq.jms.client.spi.DuplexStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's end of an in-VM connection: a Netty {@link LocalChannel} to the broker's in-VM acceptor, seen as the
 * blocking stream pair the client's transport reads and writes. No socket and no copy through the kernel: what the
 * client writes reaches the broker's pipeline (the same decoder and handler as TCP) as a buffer, and what the broker
 * writes comes back as one.
 *
 * <p>Inbound bytes are copied out of Netty's buffers as they arrive, so no reference-counted buffer leaves the
 * event loop, and wait in a queue for the client's reader thread. The queue is not bounded here: what the broker
 * sends unasked is bounded by the protocol (the consumers' prefetch windows), as it is over TCP, where the broker's
 * own outbound buffer would take the rest.
 *
 * <p>A write blocks while the channel is over its high water mark, as a socket write blocks on a full send buffer.
 * Closing the stream closes the channel, then runs the close action once; every caller of {@link #close()} returns
 * only after it ran. Not to be closed on an event loop thread.
 */
final class LocalDuplex implements DuplexStream {
    /** Put in the queue when the channel closes: every read from then on is the end of the stream. */
    private static final byte[] END = new byte[0];

    private final Channel channel;
    private final BlockingQueue<byte[]> inbound;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private final Runnable onClosed;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private LocalDuplex(Channel channel, BlockingQueue<byte[]> inbound, Runnable onClosed) {
        this.channel = channel;
        this.inbound = inbound;
        this.onClosed = onClosed;
    }

    static LocalDuplex connect(EventLoopGroup loops, LocalAddress broker, Runnable onClosed) throws IOException {
        BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
        ChannelFuture connected = new Bootstrap()
                .group(loops)
                .channel(LocalChannel.class)
                .handler(new Receiver(inbound))
                .connect(broker)
                .awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new IOException("the in-VM acceptor " + broker + " is closed: " + connected.cause(),
                    connected.cause());
        }
        return new LocalDuplex(connected.channel(), inbound, onClosed);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** A local channel cannot half-close; closing it still delivers what was written first, in order. */
    @Override
    public void shutdownOutput() {
        channel.close();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            closed.join();
            return;
        }
        try {
            channel.close().awaitUninterruptibly();
            inbound.add(END);
            onClosed.run();
        } finally {
            closed.complete(null);
        }
    }

    @Override
    public String toString() {
        return "vm:" + channel.remoteAddress();
    }

    /** On the event loop: copies what arrives into the queue. */
    private static final class Receiver extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<byte[]> inbound;

        Receiver(BlockingQueue<byte[]> inbound) {
            this.inbound = inbound;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (buf.isReadable()) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    inbound.add(bytes);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inbound.add(END);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** On the client's reader thread. */
    private final class Input extends InputStream {
        private byte[] chunk;
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (chunk == null || position == chunk.length) {
                if (chunk == END) {
                    return -1;
                }
                try {
                    chunk = inbound.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the in-VM broker");
                }
                position = 0;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return chunk == null ? 0 : chunk.length - position;
        }
    }

    /** On the client's writing threads, one at a time. */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!channel.isActive()) {
                throw new IOException("the in-VM connection is closed");
            }
            ByteBuf buf = channel.alloc().buffer(len);
            buf.writeBytes(b, off, len);
            ChannelFuture written = channel.writeAndFlush(buf);
            if (!channel.isWritable()) {
                written.awaitUninterruptibly();
                if (!written.isSuccess()) {
                    throw new IOException("the in-VM connection is closed", written.cause());
                }
            }
        }
    }
}
