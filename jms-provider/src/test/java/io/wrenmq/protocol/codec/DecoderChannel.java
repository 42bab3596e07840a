package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link FrameDecoder} alone on an {@link EmbeddedChannel}, for feeding it bytes and reading what it passes up.
 * It keeps every buffer it was fed, so that {@link #close()} can prove the decoder released them all; and it fails a
 * test that receives a reference-counted object, since no buffer may leak out of the codec.
 */
final class DecoderChannel implements AutoCloseable {
    private final EmbeddedChannel channel;
    private final List<ByteBuf> fed = new ArrayList<>();

    DecoderChannel(int maxFrameSize) {
        this(new FrameDecoder(maxFrameSize));
    }

    DecoderChannel(FrameDecoder decoder) {
        channel = new EmbeddedChannel(decoder);
    }

    /** Feeds {@code bytes} as one read from the socket and returns what the decoder passed up. */
    List<Object> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    List<Object> feed(byte[] bytes, int from, int to) {
        ByteBuf buf = channel.alloc().buffer(to - from).writeBytes(bytes, from, to - from);
        return feed(buf);
    }

    /** Feeds {@code buf}, whose ownership passes to the decoder, and returns what the decoder passed up. */
    List<Object> feed(ByteBuf buf) {
        fed.add(buf);
        channel.writeInbound(buf); // rethrows whatever the pipeline raised
        return drain();
    }

    private List<Object> drain() {
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof ReferenceCounted) {
                ReferenceCountUtil.release(msg);
                fail("the decoder passed up a reference-counted " + msg.getClass().getName());
            }
            out.add(msg);
        }
        return out;
    }

    /** Closes the channel, checks that nothing was left unread, and that every buffer fed was released. */
    @Override
    public void close() {
        boolean leftOver = channel.finish(); // also rethrows whatever the pipeline raised
        List<Object> rest = drain();
        assertFalse(leftOver, () -> "left unread in the channel: " + rest);
        for (ByteBuf buf : fed) {
            assertEquals(0, buf.refCnt(), "a buffer fed to the decoder was not released");
        }
    }
}
