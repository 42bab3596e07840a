package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.FrameType;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.SetClientIdFrame;
import io.wrenmq.protocol.WelcomeFrame;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every kind of frame survives {@link FrameEncoder} then {@link FrameDecoder} unchanged. */
class FrameCodecTest {

    static Stream<Named<Frame>> samples() {
        List<Named<Frame>> named = new ArrayList<>();
        FrameSamples.byType().forEach((type, frames) -> {
            for (int i = 0; i < frames.size(); i++) {
                named.add(Named.of(type + " #" + i, frames.get(i)));
            }
        });
        return named.stream();
    }

    @Test
    void hasASampleOfEveryFrameType() {
        Map<FrameType, List<Frame>> samples = FrameSamples.byType();
        assertAll(Stream.of(FrameType.values()).map(type -> () -> assertFalse(
                samples.getOrDefault(type, List.of()).isEmpty(),
                "no sample frame of type " + type + ": add one to FrameSamples")));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsThroughEncoderAndDecoder(Frame frame) {
        ByteBuf encoded = EncoderChannel.encode(frame);
        assertEquals(encoded.readableBytes() - 4, encoded.getInt(0), "the length prefix counts type and body");
        assertEquals(frame.type().code(), encoded.getUnsignedByte(4), "type byte");

        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            assertEquals(List.of(frame), decoder.feed(encoded));
        }
    }

    @Test
    void decodesEachFrameWhenItsLastByteArrivesAndNotBefore() {
        List<Frame> frames = FrameSamples.small();
        byte[] stream = EncoderChannel.bytesOf(frames.toArray(Frame[]::new));
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            int next = 0;
            int frameEnd = 0;
            for (int i = 0; i < stream.length; i++) {
                if (i == frameEnd) {
                    frameEnd += 4 + readInt(stream, i);
                }
                List<Object> out = decoder.feed(stream, i, i + 1);
                if (i == frameEnd - 1) {
                    assertEquals(List.of(frames.get(next)), out, "after the last byte of frame " + next);
                    next++;
                } else {
                    assertEquals(List.of(), out, "before the last byte of a frame, at byte " + i);
                }
            }
            assertEquals(frames.size(), next);
        }
    }

    @Test
    void decodesLargeFramesSplitAcrossManyReads() {
        List<Frame> frames = FrameSamples.all();
        byte[] stream = EncoderChannel.bytesOf(frames.toArray(Frame[]::new));
        Random random = new Random(42);
        List<Object> decoded = new ArrayList<>();
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            for (int from = 0; from < stream.length; ) {
                int to = Math.min(stream.length, from + 1 + random.nextInt(64 * 1024));
                decoded.addAll(decoder.feed(stream, from, to));
                from = to;
            }
        }
        assertEquals(frames, decoded);
    }

    @Test
    void decodesEveryFrameOfOneRead() {
        List<Frame> frames = FrameSamples.all();
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            assertEquals(frames, decoder.feed(EncoderChannel.bytesOf(frames.toArray(Frame[]::new))));
        }
    }

    @Test
    void encodesHelloAsDocumented() {
        byte[] expected = HexFormat.of().parseHex("00000018" // length: type byte and 23 body bytes
                + "01" // HELLO
                + "5752454e" // magic "WREN"
                + "0001" // version
                + "0000000163" // clientId "c"
                + "ffffffff" // user null
                + "00000000" // password ""
                + "00000005"); // heartbeatMs
        assertArrayEquals(expected, EncoderChannel.bytesOf(new HelloFrame(1, "c", null, "", 5)));
    }

    @Test
    void refusesAProtocolVersionTheSixteenBitFieldCannotCarry() {
        // Truncated to 16 bits, version 65537 would reach the broker as version 1 and be accepted.
        assertThrows(IllegalArgumentException.class, () -> new HelloFrame(0x10001, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new HelloFrame(-1, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new WelcomeFrame(0x10000, "v", "c", 4096, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WelcomeFrame(-1, "v", "c", 4096, 1, 0));
    }

    @Test
    void writesTheLengthOfAStringWithALoneSurrogateAsItsBytesCount() {
        // Not valid UTF-16: encoded as '?', like String.getBytes does; the length prefix must count what was written.
        String lone = "a\uD800b";
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            List<Object> out = decoder.feed(EncoderChannel.bytesOf(new SetClientIdFrame(1, lone)));
            assertEquals(List.of(new SetClientIdFrame(1, new String(lone.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8))), out);
        }
    }

    @Test
    void writesAStringAsItsUtf8ByteCountThenTheBytes() {
        ByteBuf buf = EncoderChannel.encode(new SetClientIdFrame(3, FrameSamples.NON_ASCII));
        try {
            byte[] utf8 = FrameSamples.NON_ASCII.getBytes(StandardCharsets.UTF_8);
            assertEquals(4 + 1 + 8 + 4 + utf8.length, buf.readableBytes());
            assertArrayEquals(utf8, ByteBufUtil.getBytes(buf, 4 + 1 + 8 + 4, utf8.length));
        } finally {
            buf.release();
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
