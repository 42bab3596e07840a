package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wrenmq.protocol.Frame;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames written through {@link FrameEncoder#INSTANCE} on an {@link EmbeddedChannel}, as a peer would send them. */
final class EncoderChannel {

    private EncoderChannel() {
    }

    /** The buffer the encoder wrote for {@code frame}; the caller owns it. */
    static ByteBuf encode(Frame frame) {
        EmbeddedChannel channel = new EmbeddedChannel(FrameEncoder.INSTANCE);
        channel.writeOutbound(frame);
        ByteBuf buf = channel.readOutbound();
        assertNotNull(buf, () -> "nothing written for " + frame);
        assertFalse(channel.finish(), "the encoder wrote more than one buffer for one frame");
        return buf;
    }

    /** The bytes the encoder wrote for {@code frames}, one after the other. */
    static byte[] bytesOf(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            ByteBuf buf = encode(frame);
            try {
                out.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                assertTrue(buf.release(), "the encoded buffer was shared");
            }
        }
        return out.toByteArray();
    }
}
