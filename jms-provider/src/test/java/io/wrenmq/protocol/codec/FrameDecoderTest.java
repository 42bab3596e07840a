package io.wrenmq.protocol.codec;

import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.FrameType;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.SendFrame;
import io.wrenmq.protocol.WireDestination;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed input: the decoder waits for a frame that is still arriving, and refuses one that can never be valid
 * by passing up a single {@link DecodeFailure}, after which it ignores the connection's input. Nothing escapes as an
 * exception, and nothing is allocated for a length or count the frame cannot hold.
 */
class FrameDecoderTest {
    private static final int LIMIT = Protocol.MIN_MAX_FRAME_SIZE;
    private static final byte[] RECEIPT = EncoderChannel.bytesOf(new ReceiptFrame(42));

    // Waiting for the rest of a frame

    @Test
    void waitsForTheRestOfALengthPrefix() {
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            assertEquals(List.of(), decoder.feed(RECEIPT, 0, 2));
            assertEquals(List.of(), decoder.feed(RECEIPT, 2, 4));
            assertEquals(List.of(new ReceiptFrame(42)), decoder.feed(RECEIPT, 4, RECEIPT.length));
        }
    }

    @Test
    void waitsForTheRestOfABody() {
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            assertEquals(List.of(), decoder.feed(RECEIPT, 0, RECEIPT.length - 1));
            assertEquals(List.of(new ReceiptFrame(42)), decoder.feed(RECEIPT, RECEIPT.length - 1, RECEIPT.length));
        }
    }

    @Test
    void closingInTheMiddleOfAFrameReleasesWhatWasBuffered() {
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            assertEquals(List.of(), decoder.feed(RECEIPT, 0, 7));
        } // close() checks that the partial frame's buffer was released
    }

    @Test
    void refusesABodyTooShortForItsFields() {
        // A RECEIPT's body is an i64; this one declares and carries only four bytes.
        assertRefused("RECEIPT frame is truncated", frame(FrameType.RECEIPT.code(), body(w -> w.i32(42))));
    }

    static Stream<Named<Frame>> smallSamples() {
        return FrameSamples.small().stream().map(f -> Named.of(f.type() + " " + abbreviate(f), f));
    }

    @ParameterizedTest
    @MethodSource("smallSamples")
    void refusesAFrameWhoseBodyIsCutShort(Frame sample) {
        byte[] whole = EncoderChannel.bytesOf(sample);
        int bodyLength = whole.length - Protocol.FRAME_OVERHEAD;
        Random random = new Random(bodyLength);
        // Every field is fixed-size or length-prefixed, so any cut leaves some field without its bytes.
        IntStream cuts = bodyLength <= 256 ? IntStream.rangeClosed(1, bodyLength)
                : IntStream.concat(IntStream.of(1, bodyLength), random.ints(64, 1, bodyLength));
        cuts.forEach(cut -> {
            byte[] shorter = Arrays.copyOf(whole, whole.length - cut);
            setLength(shorter);
            assertRefused("", shorter);
        });
    }

    @ParameterizedTest
    @MethodSource("smallSamples")
    void refusesAFrameWithTrailingBytes(Frame sample) {
        byte[] whole = EncoderChannel.bytesOf(sample);
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);
        setLength(longer);
        assertRefused("3 trailing bytes", longer);
    }

    // Lengths

    @ParameterizedTest
    @ValueSource(ints = {LIMIT + 1, 64 * 1024 * 1024, Integer.MAX_VALUE})
    void refusesAnOversizedFrameBeforeReadingItsBody(int length) {
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            // Only the length prefix is fed: the refusal must not wait for, or buffer, the body.
            List<Object> out = decoder.feed(body(w -> w.i32(length)));
            assertFailure("frame of " + length + " bytes exceeds the limit of " + LIMIT + " bytes", out);
            assertEquals(List.of(), decoder.feed(new byte[LIMIT]), "input after the refusal is discarded");
        }
    }

    @Test
    void saysSoWhenTheFirstBytesAreATlsHandshake() {
        // A TLS record header: handshake (22), version 3.1, then a length; read as a Wren length it is ~369 MB.
        byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc};
        assertRefused(LIMIT, "TLS handshake", clientHello);
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            decoder.feed(RECEIPT);
            assertFailure("exceeds the limit", decoder.feed(clientHello));
        }
    }

    @Test
    void aFirstFrameLimitHoldsOnlyUntilTheFirstFrame() {
        byte[] big = EncoderChannel.bytesOf(new SendFrame(1, 2, WireDestination.queue("q"), new byte[100]));
        try (DecoderChannel decoder = new DecoderChannel(new FrameDecoder(LIMIT, RECEIPT.length - 4))) {
            assertEquals(List.of(new ReceiptFrame(42)), decoder.feed(RECEIPT));
            assertEquals(1, decoder.feed(big).size(), "after the first frame the frame limit applies");
        }
        try (DecoderChannel decoder = new DecoderChannel(new FrameDecoder(LIMIT, RECEIPT.length - 4))) {
            assertFailure("exceeds the limit of " + (RECEIPT.length - 4) + " bytes", decoder.feed(big, 0, 4));
        }
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() {
        WireDestination queue = WireDestination.queue("q");
        int overhead = EncoderChannel.bytesOf(new SendFrame(1, 2, queue, new byte[0])).length - 4;
        SendFrame atLimit = new SendFrame(1, 2, queue, FrameSamples.bytes(5, LIMIT - overhead));
        byte[] encoded = EncoderChannel.bytesOf(atLimit);
        assertEquals(LIMIT, encoded.length - 4);
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            assertEquals(List.of(atLimit), decoder.feed(encoded));
        }
        SendFrame overLimit = new SendFrame(1, 2, queue, FrameSamples.bytes(5, LIMIT - overhead + 1));
        assertRefused(LIMIT, "exceeds the limit", EncoderChannel.bytesOf(overLimit));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -5, Integer.MIN_VALUE})
    void refusesALengthBelowOne(int length) {
        assertRefused("frame length " + length + " is below 1", body(w -> w.i32(length)));
    }

    @Test
    void refusesALimitBelowTheMinimum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameDecoder(Protocol.MIN_MAX_FRAME_SIZE - 1));
        assertTrue(e.getMessage().contains("below the minimum"), e.getMessage());
    }

    // Frame kinds and fields

    static IntStream unknownTypeCodes() {
        return IntStream.range(0, 256).filter(code -> FrameType.ofCode(code) == null);
    }

    @ParameterizedTest
    @MethodSource("unknownTypeCodes")
    void refusesAnUnknownFrameType(int code) {
        assertRefused("unknown frame type " + code, frame(code, body(w -> w.i64(1))));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("HELLO without the magic number", "without the Wren magic number", FrameType.HELLO,
                        w -> w.i32(0x47455420).i16(1).i32(-1).i32(-1).i32(-1).i32(0)),
                bad("string longer than the frame", "string length 1000 does not fit", FrameType.SET_CLIENT_ID,
                        w -> w.i64(1).i32(1000).u8('a')),
                bad("string length below -1", "string length -2 does not fit", FrameType.SET_CLIENT_ID,
                        w -> w.i64(1).i32(-2)),
                bad("string length of Integer.MAX_VALUE", "string length 2147483647 does not fit", FrameType.HELLO,
                        w -> w.i32(Protocol.MAGIC).i16(1).i32(Integer.MAX_VALUE)),
                bad("null client id", "clientId must not be null", FrameType.SET_CLIENT_ID, w -> w.i64(1).i32(-1)),
                bad("null subscription name", "subscription name must not be null", FrameType.UNSUBSCRIBE,
                        w -> w.i64(1).i32(-1)),
                bad("null error message", "message must not be null", FrameType.ERROR, w -> w.i64(1).u8(0).i32(-1)),
                bad("null destination name", "destination name must not be null", FrameType.SEND,
                        w -> w.i64(1).i32(1).u8(1).i32(-1).i32(0)),
                bad("empty destination name", "destination name is empty", FrameType.SEND,
                        w -> w.i64(1).i32(1).u8(1).i32(0).i32(0)),
                bad("unknown destination kind", "unknown destination kind 9", FrameType.SEND,
                        w -> w.i64(1).i32(1).u8(9).str("q").i32(0)),
                bad("no destination kind", "unknown destination kind 0", FrameType.CREATE_TEMP_DESTINATION,
                        w -> w.i64(1).u8(0).str("q")),
                bad("temporary destination frame naming a queue", "is not temporary",
                        FrameType.DELETE_TEMP_DESTINATION, w -> w.i64(1).u8(DestinationKind.QUEUE.code()).str("q")),
                bad("negative mark count", "mark count -1 does not fit", FrameType.CLOSE_SESSION,
                        w -> w.i64(1).i32(1).i32(-1)),
                bad("mark count of Integer.MAX_VALUE", "mark count 2147483647 does not fit", FrameType.RECOVERED,
                        w -> w.i64(1).i32(Integer.MAX_VALUE)),
                bad("mark count one more than the frame holds", "mark count 2 does not fit", FrameType.SESSION_ACK,
                        w -> w.i64(1).i32(1).i32(2).i32(7).i64(8)),
                bad("byte array longer than the frame", "byte array length 10 does not fit", FrameType.DELIVER,
                        w -> w.i32(1).i64(1).i32(1).i32(10).u8(1)),
                bad("byte array of Integer.MAX_VALUE", "byte array length 2147483647 does not fit", FrameType.SEND,
                        w -> w.i64(1).i32(1).u8(DestinationKind.QUEUE.code()).str("q").i32(Integer.MAX_VALUE)),
                bad("negative byte array length", "byte array length -1 does not fit", FrameType.DELIVER,
                        w -> w.i32(1).i64(1).i32(1).i32(-1)),
                bad("unknown acknowledgement kind", "unknown acknowledgement kind 0", FrameType.ACK,
                        w -> w.i32(1).i64(1).u8(0).i32(1)),
                bad("negative credit", "credit -1 < 0", FrameType.ACK, w -> w.i32(1).i64(1).u8(1).i32(-1)),
                bad("unknown subscription kind", "unknown subscription kind 4", FrameType.CREATE_CONSUMER,
                        w -> consumerHead(w).u8(0).i32(0).i32(-1).u8(4)),
                bad("boolean byte 2", "boolean byte 2", FrameType.CREATE_CONSUMER,
                        w -> consumerHead(w).u8(2).i32(0).i32(-1).u8(0)),
                bad("negative prefetch", "prefetch -1 < 0", FrameType.CREATE_CONSUMER,
                        w -> consumerHead(w).u8(0).i32(-1).i32(-1).u8(0)),
                bad("acknowledge mode 4", "ackMode 4 is not 0..3", FrameType.CREATE_SESSION,
                        w -> w.i64(1).i32(1).u8(4)),
                bad("send credit 0", "bytes 0 <= 0", FrameType.SEND_CREDIT, w -> w.i32(0)),
                bad("delivery count 0", "deliveryCount 0 < 1", FrameType.DELIVER, w -> w.i32(1).i64(1).i32(0).i32(0)));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void refusesAFieldThatBreaksTheLayout(byte[] frame, String reason) {
        assertRefused(reason, frame);
    }

    @Test
    void decodesAnErrorCodeFromANewerPeerAsGeneral() {
        byte[] frame = frame(FrameType.ERROR.code(), body(w -> w.i64(9).u8(200).str("from the future")));
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            assertEquals(List.of(new ErrorFrame(9, ErrorCode.GENERAL, "from the future")), decoder.feed(frame));
        }
    }

    @Test
    void passesUpTheFramesBeforeABadOneAndNothingAfterIt() {
        byte[] stream = concat(RECEIPT, frame(99, new byte[0]), RECEIPT);
        try (DecoderChannel decoder = new DecoderChannel(LIMIT)) {
            List<Object> out = decoder.feed(stream);
            assertEquals(2, out.size(), out::toString);
            assertEquals(new ReceiptFrame(42), out.get(0));
            assertFailure("unknown frame type 99", out.subList(1, 2));
            assertEquals(List.of(), decoder.feed(RECEIPT));
        }
    }

    // Garbage

    @Test
    void survivesRandomBytes() {
        Random random = new Random(20240611);
        for (int round = 0; round < 1000; round++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            assertFramesThenAtMostOneFailure(garbage, random);
        }
    }

    @Test
    void survivesRandomBodiesUnderPlausibleHeaders() {
        Random random = new Random(7);
        FrameType[] types = FrameType.values();
        for (int round = 0; round < 1000; round++) {
            List<byte[]> frames = new ArrayList<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                byte[] body = new byte[random.nextInt(48)];
                random.nextBytes(body);
                frames.add(frame(types[random.nextInt(types.length)].code(), body));
            }
            assertFramesThenAtMostOneFailure(concat(frames.toArray(byte[][]::new)), random);
        }
    }

    @Test
    void survivesValidFramesWithCorruptedBytes() {
        Random random = new Random(99);
        List<byte[]> samples = FrameSamples.small().stream().map(EncoderChannel::bytesOf).toList();
        for (int round = 0; round < 1500; round++) {
            byte[] bytes = concat(samples.get(random.nextInt(samples.size())),
                    samples.get(random.nextInt(samples.size())));
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            assertFramesThenAtMostOneFailure(bytes, random);
        }
    }

    /**
     * Feeds {@code input} in random pieces and checks the decoder's promise: frames, then at most one failure that
     * says why, then silence.
     */
    private static void assertFramesThenAtMostOneFailure(byte[] input, Random random) {
        try (DecoderChannel decoder = new DecoderChannel(Protocol.DEFAULT_MAX_FRAME_SIZE)) {
            List<Object> out = new ArrayList<>();
            for (int from = 0; from < input.length; ) {
                int to = from + 1 + random.nextInt(input.length - from);
                out.addAll(decoder.feed(input, from, to));
                from = to;
            }
            for (int i = 0; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof DecodeFailure failure) {
                    assertEquals(out.size() - 1, i, () -> "something was passed up after " + failure + ": " + out);
                    assertFalse(failure.reason().isBlank(), "a failure without a reason");
                    assertEquals(List.of(), decoder.feed(RECEIPT), "input after a failure is discarded");
                } else {
                    assertInstanceOf(Frame.class, o);
                }
            }
        }
    }

    // Helpers

    private static void assertRefused(String reasonPart, byte[] input) {
        // The default limit, so that the samples of long lists are not refused for their size.
        assertRefused(Protocol.DEFAULT_MAX_FRAME_SIZE, reasonPart, input);
    }

    private static void assertRefused(int limit, String reasonPart, byte[] input) {
        try (DecoderChannel decoder = new DecoderChannel(limit)) {
            assertFailure(reasonPart, decoder.feed(input));
            assertEquals(List.of(), decoder.feed(RECEIPT), "input after the refusal is discarded");
        }
    }

    private static void assertFailure(String reasonPart, List<Object> out) {
        assertEquals(1, out.size(), () -> "expected one DecodeFailure, got " + out);
        DecodeFailure failure = assertInstanceOf(DecodeFailure.class, out.get(0));
        assertTrue(failure.reason().contains(reasonPart), () -> "'" + failure.reason() + "' does not say '"
                + reasonPart + "'");
    }

    private static Arguments bad(String what, String reason, FrameType type, Consumer<ByteWriter> body) {
        return Arguments.of(Named.of(what, frame(type.code(), body(body))), reason);
    }

    /** A CREATE_CONSUMER body up to its selector: request, session and consumer ids, a queue, no selector. */
    private static ByteWriter consumerHead(ByteWriter w) {
        return w.i64(1).i32(1).i32(1).u8(DestinationKind.QUEUE.code()).str("q").i32(-1);
    }

    private static byte[] body(Consumer<ByteWriter> fields) {
        ByteWriter w = new ByteWriter(64);
        fields.accept(w);
        return w.toByteArray();
    }

    /** A frame with a correct length prefix around the type code and body. */
    private static byte[] frame(int typeCode, byte[] body) {
        return new ByteWriter(Protocol.FRAME_OVERHEAD + body.length).i32(1 + body.length).u8(typeCode)
                .raw(body, 0, body.length).toByteArray();
    }

    /** Rewrites the length prefix of an encoded frame to match its size. */
    private static void setLength(byte[] frame) {
        int length = frame.length - 4;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
    }

    private static byte[] concat(byte[]... parts) {
        ByteWriter w = new ByteWriter(256);
        for (byte[] p : parts) {
            w.raw(p, 0, p.length);
        }
        return w.toByteArray();
    }

    private static String abbreviate(Frame f) {
        String s = f.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
