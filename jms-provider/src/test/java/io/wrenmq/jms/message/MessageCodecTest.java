package io.wrenmq.jms.message;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import io.wrenmq.jms.client.WrenTemporaryQueue;
import io.wrenmq.jms.client.WrenTemporaryTopic;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.MessageLayout;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.wrenmq.jms.message.ForeignMessage.NON_ASCII;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageCodec} round trips for every body type, header field and property type; the broker's view
 * ({@link MessageHeaders}) of what the codec writes; the refusal of malformed bytes; and copies of foreign messages.
 */
class MessageCodecTest {
    private static final Function<WireDestination, Destination> DESTINATIONS = wire -> switch (wire.kind()) {
        case QUEUE -> new WrenQueue(wire.name());
        case TOPIC -> new WrenTopic(wire.name());
        case TEMPORARY_QUEUE -> new WrenTemporaryQueue(wire.name(), null);
        case TEMPORARY_TOPIC -> new WrenTemporaryTopic(wire.name(), null);
    };

    // Body types

    @Test
    void roundTripsAMessageWithoutBody() throws JMSException {
        WrenMessage back = roundTrip(withEveryHeader(new WrenMessage()));
        assertEquals(WrenMessage.class, back.getClass());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "plain ASCII", NON_ASCII})
    void roundTripsATextMessage(String text) throws JMSException {
        WrenTextMessage m = withEveryHeader(new WrenTextMessage());
        m.setText(text);
        assertEquals(text, assertInstanceOf(WrenTextMessage.class, roundTrip(m)).getText());
    }

    @Test
    void roundTripsABytesMessageWrittenWithEveryMethod() throws JMSException {
        WrenBytesMessage m = withEveryHeader(new WrenBytesMessage());
        m.writeBoolean(true);
        m.writeByte(Byte.MIN_VALUE);
        m.writeShort(Short.MIN_VALUE);
        m.writeChar('\u00e9');
        m.writeInt(Integer.MAX_VALUE);
        m.writeLong(Long.MIN_VALUE);
        m.writeFloat(Float.NaN);
        m.writeDouble(-0.0);
        m.writeUTF(NON_ASCII);
        m.writeBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        m.writeObject(7);

        BytesMessage back = assertInstanceOf(WrenBytesMessage.class, roundTrip(m));
        assertAll(
                () -> assertTrue(back.readBoolean()),
                () -> assertEquals(Byte.MIN_VALUE, back.readByte()),
                () -> assertEquals(Short.MIN_VALUE, back.readShort()),
                () -> assertEquals('\u00e9', back.readChar()),
                () -> assertEquals(Integer.MAX_VALUE, back.readInt()),
                () -> assertEquals(Long.MIN_VALUE, back.readLong()),
                () -> assertEquals(Float.NaN, back.readFloat()),
                () -> assertEquals(-0.0, back.readDouble()),
                () -> assertEquals(NON_ASCII, back.readUTF()),
                () -> assertArrayEquals(new byte[] {2, 3, 4}, readBytes(back, 3)),
                () -> assertEquals(7, back.readInt()),
                () -> assertEquals(-1, back.readBytes(new byte[1]), "the body has ended"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024 * 1024})
    void roundTripsTheBytesOfABytesMessage(int size) throws JMSException {
        byte[] content = randomBytes(size);
        WrenBytesMessage m = withEveryHeader(new WrenBytesMessage());
        m.writeBytes(content);
        BytesMessage back = assertInstanceOf(WrenBytesMessage.class, roundTrip(m));
        assertEquals(size, back.getBodyLength());
        assertArrayEquals(content, readBytes(back, size));
    }

    @Test
    void roundTripsAMapMessageWithEveryValueType() throws JMSException {
        WrenMapMessage m = withEveryHeader(new WrenMapMessage());
        m.setBoolean("boolean", false);
        m.setByte("byte", Byte.MAX_VALUE);
        m.setShort("short", Short.MIN_VALUE);
        m.setChar("char", '\uffff');
        m.setInt("int", Integer.MIN_VALUE);
        m.setLong("long", Long.MAX_VALUE);
        m.setFloat("float", Float.NEGATIVE_INFINITY);
        m.setDouble("double", Double.MIN_VALUE);
        m.setString("string", NON_ASCII);
        m.setString("empty string", "");
        m.setString("null string", null);
        m.setBytes("bytes", new byte[] {0, -1, 127, -128});
        m.setBytes("no bytes", new byte[0]);
        m.setObject("null", null);

        MapMessage back = assertInstanceOf(WrenMapMessage.class, roundTrip(m));
        assertEquals(Collections.list(m.getMapNames()), Collections.list(back.getMapNames()));
        for (String name : Collections.list(m.getMapNames())) {
            assertValueEquals(m.getObject(name), back.getObject(name), name);
        }
    }

    @Test
    void roundTripsAStreamMessageWithEveryValueType() throws JMSException {
        List<Object> values = Arrays.asList(true, (byte) -7, (short) 12_345, 'x', -1, 1L << 40, 0.1f, Math.PI,
                NON_ASCII, "", null, new byte[] {9, 8, 7}, new byte[0], '\u4e16');
        WrenStreamMessage m = withEveryHeader(new WrenStreamMessage());
        for (Object v : values) {
            m.writeObject(v);
        }
        StreamMessage back = assertInstanceOf(WrenStreamMessage.class, roundTrip(m));
        for (int i = 0; i < values.size(); i++) {
            assertValueEquals(values.get(i), back.readObject(), "value " + i);
        }
        assertThrows(MessageEOFException.class, back::readObject);
    }

    @ParameterizedTest
    @MethodSource("serializables")
    void roundTripsAnObjectMessage(Serializable object) throws JMSException {
        WrenObjectMessage m = withEveryHeader(new WrenObjectMessage());
        m.setObject(object);
        assertEquals(object, assertInstanceOf(WrenObjectMessage.class, roundTrip(m)).getObject());
    }

    static Stream<Serializable> serializables() {
        return Stream.of(null, NON_ASCII, 42L, new ArrayList<>(List.of(1, "two", 3.0)));
    }

    // Header fields and properties

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void roundTripsDestinationAndReplyToOfEveryKind(DestinationKind kind) throws JMSException {
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setJMSDestination(DESTINATIONS.apply(new WireDestination(kind, "dest-" + NON_ASCII)));
        m.setJMSReplyTo(DESTINATIONS.apply(new WireDestination(kind, "reply")));
        WrenMessage back = roundTrip(m);
        assertEquals(m.getJMSDestination(), back.getJMSDestination());
        assertEquals(m.getJMSReplyTo(), back.getJMSReplyTo());
    }

    @Test
    void roundTripsAMessageWithNoOptionalHeader() throws JMSException {
        WrenMessage m = new WrenMessage();
        WrenMessage back = roundTrip(m);
        assertAll(
                () -> assertNull(back.getJMSMessageID()),
                () -> assertNull(back.getJMSCorrelationIDAsBytes()),
                () -> assertNull(back.getJMSDestination()),
                () -> assertNull(back.getJMSReplyTo()),
                () -> assertNull(back.getJMSType()),
                () -> assertFalse(back.getPropertyNames().hasMoreElements()));
    }

    @Test
    void roundTripsACorrelationIdGivenAsBytes() throws JMSException {
        byte[] notUtf8 = {0, -1, -2, 0x7f, (byte) 0xc3};
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setJMSCorrelationIDAsBytes(notUtf8);
        WrenMessage back = roundTrip(m);
        assertArrayEquals(notUtf8, back.getJMSCorrelationIDAsBytes());
        assertNull(MessageHeaders.parse(MessageCodec.encode(m)).correlationId(), "bytes are no string id");
    }

    @ParameterizedTest
    @ValueSource(ints = {DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT})
    void roundTripsTheDeliveryMode(int mode) throws JMSException {
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setJMSDeliveryMode(mode);
        assertEquals(mode, roundTrip(m).getJMSDeliveryMode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 9})
    void roundTripsThePriority(int priority) throws JMSException {
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setJMSPriority(priority);
        assertEquals(priority, roundTrip(m).getJMSPriority());
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE})
    void roundTripsExtremeTimes(long time) throws JMSException {
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setJMSTimestamp(time);
        m.setJMSExpiration(time);
        m.setJMSDeliveryTime(time);
        roundTrip(m); // compares all three, through the decoder and the broker's fixed offsets
    }

    @Test
    void leavesTheDeliveryCountToTheBroker() throws JMSException {
        WrenMessage m = withEveryHeader(new WrenMessage());
        m.setDeliveryCount(3);
        byte[] encoded = MessageCodec.encode(m);
        assertFalse(MessageHeaders.parse(encoded).properties().containsKey("JMSXDeliveryCount"));
        assertFalse(MessageCodec.decode(encoded, DESTINATIONS).propertyExists("JMSXDeliveryCount"));
    }

    @Test
    void decodesAReadOnlyMessage() throws JMSException {
        WrenTextMessage m = withEveryHeader(new WrenTextMessage());
        m.setText("t");
        WrenTextMessage back = (WrenTextMessage) MessageCodec.decode(MessageCodec.encode(m), DESTINATIONS);
        assertThrows(MessageNotWriteableException.class, () -> back.setText("changed"));
        assertThrows(MessageNotWriteableException.class, () -> back.setIntProperty("p", 1));
    }

    // Malformed bytes

    @Test
    void acceptsTheSmallestWellFormedMessage() {
        // The template the malformed cases below alter: if this fails, their refusals prove nothing.
        byte[] smallest = layout(MessageLayout.BODY_MESSAGE, p -> p.i32(0), b -> b.i32(0));
        assertEquals(MessageLayout.BODY_MESSAGE, MessageHeaders.parse(smallest).bodyType());
        assertEquals(WrenMessage.class, MessageCodec.decode(smallest, DESTINATIONS).getClass());
    }

    static Stream<Arguments> malformed() {
        Consumer<ByteWriter> noProperties = p -> p.i32(0);
        Consumer<ByteWriter> emptyBody = b -> b.i32(0);
        return Stream.of(
                malformed("layout version 2", "message layout version 2 is not 1",
                        at(MessageLayout.OFFSET_VERSION, 2)),
                malformed("layout version 0", "message layout version 0 is not 1",
                        at(MessageLayout.OFFSET_VERSION, 0)),
                malformed("body type 6", "unknown body type 6", at(MessageLayout.OFFSET_BODY_TYPE, 6)),
                malformed("body type 255", "unknown body type 255", at(MessageLayout.OFFSET_BODY_TYPE, 255)),
                malformed("unknown flag", "unknown flags 4", at(MessageLayout.OFFSET_FLAGS, 4)),
                malformed("priority 10", "priority 10 is not 0..9", at(MessageLayout.OFFSET_PRIORITY, 10)),
                malformed("trailing byte", "1 trailing bytes", layout(MessageLayout.BODY_MESSAGE, noProperties,
                        b -> b.i32(0).u8(0))),
                malformed("body longer than the message", "does not fit", layout(MessageLayout.BODY_BYTES,
                        noProperties, b -> b.i32(10).u8(1))),
                malformed("message id longer than the message", "does not fit", head(MessageLayout.BODY_MESSAGE)
                        .i32(1000).toByteArray()),
                malformed("correlation id tag 3", "unknown correlation id tag 3", head(MessageLayout.BODY_MESSAGE)
                        .i32(-1).u8(3).toByteArray()),
                malformed("destination kind 5", "unknown destination kind 5", head(MessageLayout.BODY_MESSAGE)
                        .i32(-1).u8(0).u8(5).str("q").toByteArray()),
                malformed("destination without a name", "a destination without a name",
                        head(MessageLayout.BODY_MESSAGE).i32(-1).u8(0).u8(1).str("").toByteArray()),
                malformed("destination with a null name", "a destination without a name",
                        head(MessageLayout.BODY_MESSAGE).i32(-1).u8(0).u8(2).str(null).toByteArray()),
                malformed("char property", "unknown value tag 9", properties(p -> p.i32(1).str("p")
                        .u8(MessageLayout.TAG_CHAR).i16('x'))),
                malformed("byte[] property", "unknown value tag 10", properties(p -> p.i32(1).str("p")
                        .u8(MessageLayout.TAG_BYTES).bytes(new byte[1]))),
                malformed("property tag 200", "unknown value tag 200", properties(p -> p.i32(1).str("p").u8(200))),
                malformed("boolean property byte 2", "boolean byte 2", properties(p -> p.i32(1).str("p")
                        .u8(MessageLayout.TAG_BOOLEAN).u8(2))),
                malformed("property without a name", "property 0 has no name", properties(p -> p.i32(1).str(null)
                        .u8(MessageLayout.TAG_NULL))),
                malformed("property with an empty name", "property 0 has no name", properties(p -> p.i32(1).str("")
                        .u8(MessageLayout.TAG_NULL))),
                malformed("negative property count", "property count -1 does not fit", properties(p -> p.i32(-1))),
                malformed("property count of Integer.MAX_VALUE", "property count 2147483647 does not fit",
                        properties(p -> p.i32(Integer.MAX_VALUE))),
                malformed("fewer properties than counted", "truncated", properties(p -> p.i32(2).str("p")
                        .u8(MessageLayout.TAG_INT).i32(1))),
                malformed("stray bytes after the properties", "1 stray bytes after the properties",
                        properties(p -> p.i32(0).u8(0))),
                malformed("properties shorter than their length", "truncated", layout(MessageLayout.BODY_MESSAGE,
                        p -> { }, emptyBody)),
                malformed("body of a Message", "a Message has no body", layout(MessageLayout.BODY_MESSAGE,
                        noProperties, b -> b.i32(1).u8(0))),
                malformed("null body of a Message", "a null body is only allowed", nullBody(MessageLayout.BODY_MESSAGE)),
                malformed("null body of a Bytes message", "a null body is only allowed",
                        nullBody(MessageLayout.BODY_BYTES)),
                malformed("null body of a Map message", "a null body is only allowed",
                        nullBody(MessageLayout.BODY_MAP)),
                malformed("null body of a Stream message", "a null body is only allowed",
                        nullBody(MessageLayout.BODY_STREAM)));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void brokerRefusesAMalformedMessage(byte[] encoded, String reason) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> MessageHeaders.parse(encoded));
        assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' does not say '" + reason + "'");
    }

    static Stream<Arguments> malformedStructure() {
        return malformed().filter(a -> {
            // The consumer's decoder leaves these checks to the broker, which parses every message it accepts.
            String reason = (String) a.get()[1];
            return !reason.startsWith("unknown flags") && !reason.startsWith("priority")
                    && !reason.contains("has no name");
        });
    }

    @ParameterizedTest
    @MethodSource("malformedStructure")
    void decoderRefusesAMalformedMessage(byte[] encoded, String reason) {
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(encoded, DESTINATIONS));
    }

    @Test
    void nullBodyIsAllowedForTextAndObjectMessagesOnly() {
        assertEquals(MessageLayout.BODY_TEXT, MessageHeaders.parse(nullBody(MessageLayout.BODY_TEXT)).bodyType());
        assertEquals(MessageLayout.BODY_OBJECT, MessageHeaders.parse(nullBody(MessageLayout.BODY_OBJECT)).bodyType());
    }

    @Test
    void decoderRefusesBytesLeftOverInAMapOrStreamBody() {
        for (int bodyType : new int[] {MessageLayout.BODY_MAP, MessageLayout.BODY_STREAM}) {
            byte[] encoded = layout(bodyType, p -> p.i32(0), b -> b.i32(5).i32(0).u8(0));
            MessageHeaders.parse(encoded); // the broker does not look inside a body
            MalformedMessageException e = assertThrows(MalformedMessageException.class,
                    () -> MessageCodec.decode(encoded, DESTINATIONS));
            assertTrue(e.getMessage().contains("1 stray bytes at the end of the body"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("everyBodyType")
    void refusesEveryTruncation(WrenMessage m) throws JMSException {
        byte[] encoded = MessageCodec.encode(m);
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThrows(MalformedMessageException.class, () -> MessageHeaders.parse(truncated),
                    "parse of the first " + length + " bytes");
            assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(truncated, DESTINATIONS),
                    "decode of the first " + length + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("everyBodyType")
    void corruptedBytesRaiseNothingButMalformedMessageException(WrenMessage m) throws JMSException {
        byte[] encoded = MessageCodec.encode(m);
        Random random = new Random(encoded.length);
        for (int round = 0; round < 500; round++) {
            byte[] corrupt = encoded.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            boolean accepted;
            try {
                MessageHeaders.parse(corrupt);
                accepted = true;
            } catch (MalformedMessageException expected) {
                accepted = false;
            }
            try {
                MessageCodec.decode(corrupt, DESTINATIONS);
            } catch (MalformedMessageException e) {
                // The broker does not look inside Map and Stream bodies; anything else it accepts must decode.
                int bodyType = corrupt[MessageLayout.OFFSET_BODY_TYPE];
                assertFalse(accepted && bodyType != MessageLayout.BODY_MAP && bodyType != MessageLayout.BODY_STREAM,
                        () -> "the broker accepts what the consumer cannot decode: " + e.getMessage());
            }
        }
    }

    static Stream<Named<WrenMessage>> everyBodyType() throws JMSException {
        WrenTextMessage text = withEveryHeader(new WrenTextMessage());
        text.setText(NON_ASCII);
        WrenBytesMessage bytes = withEveryHeader(new WrenBytesMessage());
        bytes.writeUTF("bytes");
        WrenMapMessage map = withEveryHeader(new WrenMapMessage());
        map.setString("s", "v");
        map.setBytes("b", new byte[] {1, 2});
        WrenStreamMessage stream = withEveryHeader(new WrenStreamMessage());
        stream.writeChar('c');
        stream.writeObject(null);
        WrenObjectMessage object = withEveryHeader(new WrenObjectMessage());
        object.setObject(42L);
        WrenMessage correlationBytes = withEveryHeader(new WrenMessage());
        correlationBytes.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        return Stream.of(Named.of("Message", withEveryHeader(new WrenMessage())), Named.of("Text", text),
                Named.of("Bytes", bytes), Named.of("Map", map), Named.of("Stream", stream),
                Named.of("Object", object), Named.of("Message with correlation bytes", correlationBytes));
    }

    // Foreign messages

    @Test
    void copiesAForeignTextMessage() throws JMSException {
        Message foreign = ForeignMessage.text(NON_ASCII);
        WrenTextMessage copy = assertInstanceOf(WrenTextMessage.class, copyAndCompare(foreign));
        assertEquals(NON_ASCII, copy.getText());
        assertEquals(NON_ASCII, ((WrenTextMessage) roundTrip(copy)).getText());
    }

    @Test
    void copiesAForeignBytesMessage() throws JMSException {
        byte[] content = randomBytes(3000);
        WrenBytesMessage copy = assertInstanceOf(WrenBytesMessage.class,
                copyAndCompare(ForeignMessage.bytes(content)));
        BytesMessage back = (BytesMessage) roundTrip(copy);
        assertArrayEquals(content, readBytes(back, content.length));
    }

    @Test
    void copiesAForeignMapMessage() throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("char", 'c');
        entries.put("bytes", new byte[] {4, 5});
        entries.put("long", 5L);
        entries.put("null", null);
        WrenMapMessage copy = assertInstanceOf(WrenMapMessage.class, copyAndCompare(ForeignMessage.map(entries)));
        MapMessage back = (MapMessage) roundTrip(copy);
        assertEquals(List.copyOf(entries.keySet()), Collections.list(back.getMapNames()));
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            assertValueEquals(e.getValue(), back.getObject(e.getKey()), e.getKey());
        }
    }

    @Test
    void copiesAForeignStreamMessage() throws JMSException {
        List<Object> values = Arrays.asList("s", null, new byte[] {1}, 2.5f, 'q');
        WrenStreamMessage copy = assertInstanceOf(WrenStreamMessage.class,
                copyAndCompare(ForeignMessage.stream(values)));
        StreamMessage back = (StreamMessage) roundTrip(copy);
        for (int i = 0; i < values.size(); i++) {
            assertValueEquals(values.get(i), back.readObject(), "value " + i);
        }
        assertThrows(MessageEOFException.class, back::readObject);
    }

    @Test
    void copiesAForeignObjectMessage() throws JMSException {
        ArrayList<String> object = new ArrayList<>(List.of("a", NON_ASCII));
        WrenObjectMessage copy = assertInstanceOf(WrenObjectMessage.class,
                copyAndCompare(ForeignMessage.object(object)));
        assertEquals(object, ((WrenObjectMessage) roundTrip(copy)).getObject());
    }

    @Test
    void copiesAForeignMessageWithoutBody() throws JMSException {
        WrenMessage copy = copyAndCompare(ForeignMessage.plain(ForeignMessage.headers()));
        assertEquals(WrenMessage.class, copy.getClass());
        roundTrip(copy);
    }

    @Test
    void copiesAForeignCorrelationIdGivenOnlyAsBytes() throws JMSException {
        byte[] id = {1, 2, -3};
        Map<String, Object> headers = ForeignMessage.headers();
        headers.put("getJMSCorrelationID", null);
        headers.put("getJMSCorrelationIDAsBytes", id);
        WrenMessage copy = copyAndCompare(ForeignMessage.plain(headers));
        assertArrayEquals(id, roundTrip(copy).getJMSCorrelationIDAsBytes());
    }

    @Test
    void carriesForeignDestinationsOfEveryKindByName() throws JMSException {
        Map<Destination, Destination> expected = Map.of(
                ForeignMessage.destination(Queue.class, "q"), new WrenQueue("q"),
                ForeignMessage.destination(Topic.class, "t"), new WrenTopic("t"),
                ForeignMessage.destination(TemporaryQueue.class, "tq"), new WrenTemporaryQueue("tq", null),
                ForeignMessage.destination(TemporaryTopic.class, "tt"), new WrenTemporaryTopic("tt", null));
        for (Map.Entry<Destination, Destination> e : expected.entrySet()) {
            WrenMessage m = new WrenMessage();
            m.setJMSDestination(e.getKey());
            m.setJMSReplyTo(e.getKey());
            WrenMessage back = roundTrip(m);
            assertEquals(e.getValue(), back.getJMSDestination());
            assertEquals(e.getValue(), back.getJMSReplyTo());
        }
    }

    @Test
    void refusesToEncodeADestinationThatIsNeitherQueueNorTopic() {
        WrenMessage m = new WrenMessage();
        m.setJMSReplyTo(ForeignMessage.destination(Destination.class, "odd"));
        JMSException e = assertThrows(JMSException.class, () -> MessageCodec.encode(m));
        assertTrue(e.getMessage().contains("neither a Queue nor a Topic"), e.getMessage());
    }

    // Helpers

    /** Copies {@code foreign} and checks that the copy has its header fields and properties. */
    private static WrenMessage copyAndCompare(Message foreign) throws JMSException {
        WrenMessage copy = MessageCodec.copyOf(foreign);
        assertSameHeadersAndProperties(foreign, copy);
        return copy;
    }

    /**
     * Encodes {@code m}, checks the broker's view of the bytes against it, decodes them and checks the decoded
     * message's header fields and properties.
     */
    private static WrenMessage roundTrip(WrenMessage m) throws JMSException {
        byte[] encoded = MessageCodec.encode(m);
        MessageHeaders h = MessageHeaders.parse(encoded);
        String correlation = m.correlationIdBytesRaw() != null ? null : m.getJMSCorrelationID();
        assertAll("the broker's view",
                () -> assertEquals(m.bodyType(), h.bodyType(), "body type"),
                () -> assertEquals(m.getJMSDeliveryMode() == DeliveryMode.PERSISTENT, h.persistent(), "persistent"),
                () -> assertEquals(m.getJMSPriority(), h.priority(), "priority"),
                () -> assertEquals(m.getJMSTimestamp(), h.timestamp(), "timestamp"),
                () -> assertEquals(m.getJMSExpiration(), h.expiration(), "expiration"),
                () -> assertEquals(m.getJMSDeliveryTime(), h.deliveryTime(), "delivery time"),
                () -> assertEquals(m.getJMSMessageID(), h.messageId(), "message id"),
                () -> assertEquals(correlation, h.correlationId(), "correlation id"),
                () -> assertEquals(wireName(m.getJMSDestination()), String.valueOf(h.destination()), "destination"),
                () -> assertEquals(wireName(m.getJMSReplyTo()), String.valueOf(h.replyTo()), "reply-to"),
                () -> assertEquals(m.getJMSType(), h.type(), "type"),
                () -> assertEquals(entries(propertiesOf(m)), entries(h.properties()), "properties"),
                () -> assertEquals(encoded.length, h.encodedSize(), "size"));
        WrenMessage back = MessageCodec.decode(encoded, DESTINATIONS);
        assertEquals(m.getClass(), back.getClass());
        assertSameHeadersAndProperties(m, back);
        return back;
    }

    private static void assertSameHeadersAndProperties(Message expected, Message actual) throws JMSException {
        assertAll("header fields and properties",
                () -> assertEquals(expected.getJMSMessageID(), actual.getJMSMessageID(), "message id"),
                () -> assertEquals(expected.getJMSTimestamp(), actual.getJMSTimestamp(), "timestamp"),
                () -> assertArrayEquals(expected.getJMSCorrelationIDAsBytes(), actual.getJMSCorrelationIDAsBytes(),
                        "correlation id as bytes"),
                () -> {
                    if (expected.getJMSCorrelationID() != null) {
                        assertEquals(expected.getJMSCorrelationID(), actual.getJMSCorrelationID(), "correlation id");
                    }
                },
                () -> assertEquals(wireName(expected.getJMSDestination()), wireName(actual.getJMSDestination()),
                        "destination"),
                () -> assertEquals(wireName(expected.getJMSReplyTo()), wireName(actual.getJMSReplyTo()), "reply-to"),
                () -> assertEquals(expected.getJMSDeliveryMode(), actual.getJMSDeliveryMode(), "delivery mode"),
                () -> assertEquals(expected.getJMSType(), actual.getJMSType(), "type"),
                () -> assertEquals(expected.getJMSExpiration(), actual.getJMSExpiration(), "expiration"),
                () -> assertEquals(expected.getJMSDeliveryTime(), actual.getJMSDeliveryTime(), "delivery time"),
                () -> assertEquals(expected.getJMSPriority(), actual.getJMSPriority(), "priority"),
                () -> assertEquals(entries(propertiesOf(expected)), entries(propertiesOf(actual)), "properties"));
    }

    /** Every header field set, and a property of every type. */
    private static <M extends WrenMessage> M withEveryHeader(M m) throws JMSException {
        m.setJMSMessageID("ID:wren-c1-" + NON_ASCII);
        m.setJMSTimestamp(1_700_000_000_123L);
        m.setJMSCorrelationID("corr-" + NON_ASCII);
        m.setJMSDestination(new WrenQueue("orders"));
        m.setJMSReplyTo(new WrenTemporaryTopic("tmp-reply", null));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSType("order.created");
        m.setJMSExpiration(1_700_000_060_000L);
        m.setJMSDeliveryTime(1_700_000_001_000L);
        m.setJMSPriority(9);
        m.setBooleanProperty("aBoolean", true);
        m.setByteProperty("aByte", Byte.MIN_VALUE);
        m.setShortProperty("aShort", Short.MAX_VALUE);
        m.setIntProperty("anInt", Integer.MIN_VALUE);
        m.setLongProperty("aLong", Long.MAX_VALUE);
        m.setFloatProperty("aFloat", Float.NaN);
        m.setDoubleProperty("aDouble", -0.0);
        m.setStringProperty("aString", NON_ASCII);
        m.setStringProperty("anEmptyString", "");
        m.setObjectProperty("aNull", null);
        return m;
    }

    private static Map<String, Object> propertiesOf(Message m) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(m.getPropertyNames())) {
            properties.put((String) name, m.getObjectProperty((String) name));
        }
        return properties;
    }

    /** The entries in their order, so that a comparison checks the order too. */
    private static List<Map.Entry<String, Object>> entries(Map<String, Object> m) {
        return new ArrayList<>(m.entrySet());
    }

    /** The destination as {@link WireDestination#toString()} writes it; "null" for none. */
    private static String wireName(Destination d) throws JMSException {
        if (d instanceof TemporaryQueue q) {
            return DestinationKind.TEMPORARY_QUEUE + ":" + q.getQueueName();
        } else if (d instanceof TemporaryTopic t) {
            return DestinationKind.TEMPORARY_TOPIC + ":" + t.getTopicName();
        } else if (d instanceof Queue q) {
            return DestinationKind.QUEUE + ":" + q.getQueueName();
        } else if (d instanceof Topic t) {
            return DestinationKind.TOPIC + ":" + t.getTopicName();
        }
        assertNull(d, "a destination that is neither a queue nor a topic");
        return "null";
    }

    private static void assertValueEquals(Object expected, Object actual, String what) {
        if (expected instanceof byte[] b) {
            assertArrayEquals(b, assertInstanceOf(byte[].class, actual, what), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static byte[] readBytes(BytesMessage m, int n) throws JMSException {
        byte[] b = new byte[n];
        assertEquals(n, m.readBytes(b));
        return b;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    // Hand-made encodings, for the malformed cases

    private static Arguments malformed(String what, String reason, byte[] encoded) {
        return Arguments.of(Named.of(what, encoded), reason);
    }

    /** The fixed header and nothing set: version 1, not persistent, priority 4, times 0, then a null message id. */
    private static ByteWriter head(int bodyType) {
        return new ByteWriter(64).u8(MessageLayout.VERSION).u8(bodyType).u8(0).u8(4).i64(0).i64(0).i64(0);
    }

    /** A whole message: {@link #head}, no optional header field, the properties section and the body. */
    private static byte[] layout(int bodyType, Consumer<ByteWriter> properties, Consumer<ByteWriter> body) {
        ByteWriter w = head(bodyType).str(null).u8(MessageLayout.CORRELATION_NONE).u8(0).u8(0).str(null);
        int lengthAt = w.position();
        w.i32(0);
        properties.accept(w);
        w.putInt(lengthAt, w.position() - lengthAt - 4);
        body.accept(w);
        return w.toByteArray();
    }

    private static byte[] properties(Consumer<ByteWriter> properties) {
        return layout(MessageLayout.BODY_MESSAGE, properties, b -> b.i32(0));
    }

    private static byte[] nullBody(int bodyType) {
        return layout(bodyType, p -> p.i32(0), b -> b.i32(-1));
    }

    /** The smallest well-formed message with one byte of its fixed header replaced. */
    private static byte[] at(int offset, int value) {
        byte[] encoded = layout(MessageLayout.BODY_MESSAGE, p -> p.i32(0), b -> b.i32(0));
        encoded[offset] = (byte) value;
        return encoded;
    }
}
