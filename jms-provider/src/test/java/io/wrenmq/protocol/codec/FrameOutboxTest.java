package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.ReceiptFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FrameOutbox} coalesces queued frames into few buffers, in order, and drops them once the channel closed. */
class FrameOutboxTest {

    @Test
    void writesEverythingQueuedInOrderInOneBuffer() {
        List<Frame> frames = IntStream.range(0, 100).<Frame>mapToObj(ReceiptFrame::new).toList();
        List<ByteBuf> written = sendThroughOutbox(frames);
        assertEquals(1, written.size(), "frames queued together share one buffer");
        assertEquals(frames, decode(written));
    }

    @Test
    void startsANewBufferOnceOneIsFull() {
        List<Frame> frames = IntStream.range(0, 3)
                .<Frame>mapToObj(i -> new DeliverFrame(1, i, 1, FrameSamples.bytes(i, 40 * 1024))).toList();
        List<ByteBuf> written = sendThroughOutbox(frames);
        assertTrue(written.size() >= 2, "120 KiB of frames in " + written.size() + " buffer(s)");
        assertEquals(frames, decode(written));
    }

    @Test
    void dropsFramesOnceTheChannelIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        FrameOutbox outbox = new FrameOutbox(channel);
        channel.close();
        outbox.send(new ReceiptFrame(1));
        channel.runPendingTasks();
        assertFalse(channel.finish(), "nothing may be written to a closed channel");
    }

    /** Sends the frames through an outbox, lets the event loop drain it, and returns the buffers written. */
    private static List<ByteBuf> sendThroughOutbox(List<Frame> frames) {
        EmbeddedChannel channel = new EmbeddedChannel();
        FrameOutbox outbox = new FrameOutbox(channel);
        frames.forEach(outbox::send);
        assertNull(channel.readOutbound(), "written before the event loop ran the drain");

        channel.runPendingTasks();
        List<ByteBuf> written = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            written.add(buf);
        }
        assertFalse(channel.finish());
        return written;
    }

    /** Decodes the buffers, whose ownership passes to the decoder. */
    private static List<Object> decode(List<ByteBuf> written) {
        List<Object> frames = new ArrayList<>();
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            written.forEach(buf -> frames.addAll(decoder.feed(buf)));
        }
        return frames;
    }
}
