package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.wrenmq.protocol.Frame;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way out for every frame of one connection, from any thread, in the order {@link #send} was called.
 *
 * <p>Why not {@code channel.writeAndFlush} per frame: that is a task and a system call per frame. Here frames go
 * into a lock-free queue, and one task on the channel's event loop encodes everything queued into as few buffers as
 * possible and flushes once. Under load many frames share a flush; when idle a frame goes out at once.
 *
 * <p>Thread-safe. Frames sent after the channel closed are dropped.
 */
public final class FrameOutbox implements Runnable {
    /** A buffer this full is written and a new one begun, so one drain does not build a huge buffer. */
    private static final int CHUNK = 64 * 1024;
    /** What one buffer holds at least: a few control frames, or one small message. */
    private static final int MIN_BUFFER = 2 * 1024;

    private final Channel channel;
    private final Queue<Frame> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Roughly the encoded size of the frames queued and not yet handed to the channel. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Runnable afterDrain;

    public FrameOutbox(Channel channel) {
        this(channel, () -> {
        });
    }

    /** @param afterDrain runs on the event loop each time the queue has been handed to the channel */
    public FrameOutbox(Channel channel, Runnable afterDrain) {
        this.channel = channel;
        this.afterDrain = afterDrain;
    }

    /**
     * Bytes queued here, not yet in the channel's own outbound buffer: with {@link Channel#isWritable()}, what a
     * producer of frames looks at to stop before a client that does not read makes them pile up.
     */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Queues {@code frame} to be written and flushed soon; never blocks. */
    public void send(Frame frame) {
        queuedBytes.addAndGet(FrameCodec.sizeHint(frame));
        queue.offer(frame);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this);
        }
    }

    /** Drains the queue on the event loop; not for callers. */
    @Override
    public void run() {
        // Cleared before draining: a frame queued after the last poll schedules a new drain instead of being missed.
        scheduled.set(false);
        if (!channel.isActive()) {
            Frame dropped;
            while ((dropped = queue.poll()) != null) {
                queuedBytes.addAndGet(-FrameCodec.sizeHint(dropped));
            }
            return;
        }
        ByteBuf buf = null;
        Frame frame;
        while ((frame = queue.poll()) != null) {
            int size = FrameCodec.sizeHint(frame);
            queuedBytes.addAndGet(-size);
            if (buf != null && (buf.writableBytes() < size || buf.readableBytes() >= CHUNK)) {
                channel.write(buf, channel.voidPromise());
                buf = null;
            }
            if (buf == null) {
                // Small when idle (one frame, one small buffer), up to CHUNK when frames queue up behind it.
                buf = channel.alloc().ioBuffer(Math.max(size, Math.min(CHUNK, MIN_BUFFER * (queue.size() + 1))));
            }
            FrameCodec.encode(frame, buf);
        }
        if (buf != null) {
            channel.write(buf, channel.voidPromise());
        }
        channel.flush();
        afterDrain.run();
    }
}
