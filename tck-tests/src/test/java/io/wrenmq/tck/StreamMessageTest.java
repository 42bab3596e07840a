package io.wrenmq.tck;

import io.wrenmq.tck.ConversionTable.Row;
import io.wrenmq.tck.ConversionTable.Type;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Jakarta Messaging 3.1, section 3.11 and the StreamMessage javadoc: a body of typed values read in order. */
@DisplayName("StreamMessage (spec 3.11)")
class StreamMessageTest extends MessageTestSupport {

    private static void write(StreamMessage m, Type type, Object v) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.writeBoolean((Boolean) v);
            case BYTE -> m.writeByte((Byte) v);
            case SHORT -> m.writeShort((Short) v);
            case CHAR -> m.writeChar((Character) v);
            case INT -> m.writeInt((Integer) v);
            case LONG -> m.writeLong((Long) v);
            case FLOAT -> m.writeFloat((Float) v);
            case DOUBLE -> m.writeDouble((Double) v);
            case STRING -> m.writeString((String) v);
            case BYTES -> m.writeBytes((byte[]) v);
        }
    }

    private static Object read(StreamMessage m, Type type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.readBoolean();
            case BYTE -> m.readByte();
            case SHORT -> m.readShort();
            case CHAR -> m.readChar();
            case INT -> m.readInt();
            case LONG -> m.readLong();
            case FLOAT -> m.readFloat();
            case DOUBLE -> m.readDouble();
            case STRING -> m.readString();
            case BYTES -> readWholeByteArray(m);
        };
    }

    /** Reads a byte[] field with readBytes, two bytes at a time, until the call that returns less than that. */
    private static byte[] readWholeByteArray(StreamMessage m) throws JMSException {
        byte[] buffer = new byte[2];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int n;
        do {
            n = m.readBytes(buffer);
            if (n > 0) {
                all.write(buffer, 0, n);
            }
        } while (n == buffer.length);
        return all.toByteArray();
    }

    private StreamMessage received(byte[]... fields) throws JMSException {
        StreamMessage m = session.createStreamMessage();
        for (byte[] f : fields) {
            m.writeBytes(f);
        }
        m.writeInt(99);
        return roundTrip(m, StreamMessage.class);
    }

    @Test
    @DisplayName("values of every type arrive intact and in order, then MessageEOFException")
    void everyValueTypeArrivesIntactAndInOrder() throws Exception {
        StreamMessage m = session.createStreamMessage();
        for (Row row : ConversionTable.bodyRows()) {
            write(m, row.written(), row.value());
        }
        m.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        m.writeObject(123);
        m.writeObject(null);
        m.writeString(null);

        StreamMessage received = roundTrip(m, StreamMessage.class);
        for (Row row : ConversionTable.bodyRows()) {
            ConversionTable.assertValue(row.value(), read(received, row.written()), row.toString());
        }
        assertArrayEquals(new byte[] {8, 7}, (byte[]) received.readObject());
        assertEquals(123, received.readObject());
        assertNull(received.readObject());
        assertNull(received.readString());
        assertThrows(MessageEOFException.class, received::readObject);
        assertThrows(MessageEOFException.class, received::readInt);

        received.reset();
        for (Row row : ConversionTable.bodyRows()) {
            ConversionTable.assertValue(row.value(), received.readObject(), "readObject after reset(): " + row);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wrenmq.tck.ConversionTable#bodyRows")
    @DisplayName("conversion table (spec 3.11.3): allowed reads convert, others fail without moving the position")
    void conversionTable(Row row) throws Exception {
        StreamMessage m = session.createStreamMessage();
        for (int i = 0; i < row.reads().size(); i++) {
            write(m, row.written(), row.value());
        }
        StreamMessage received = roundTrip(m, StreamMessage.class);
        for (Type allowed : row.reads().keySet()) {
            for (Type refused : row.refused(ConversionTable.BODY_TYPES)) {
                ConversionTable.assertRead(row, refused, t -> read(received, t));
            }
            ConversionTable.assertRead(row, allowed, t -> read(received, t));
        }
        assertThrows(MessageEOFException.class, received::readObject, "each allowed read took one value");
    }

    @Test
    @DisplayName("a String that is no number: NumberFormatException, and the position stays on it")
    void failedStringConversionDoesNotMoveThePosition() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeString("abc");
        m.writeString("abc");
        m.writeString("TRUE");
        m.writeInt(5);
        StreamMessage received = roundTrip(m, StreamMessage.class);
        ConversionTable.assertUnparsableStringConversions(t -> read(received, t));
        assertThrows(MessageFormatException.class, received::readChar);
        assertEquals("abc", received.readString(), "six failed reads, one boolean: the second value is next");
        assertEquals(true, received.readBoolean());
        assertEquals(5, received.readInt());
    }

    @Test
    @DisplayName("a null value reads as valueOf(null) would; char gives NullPointerException")
    void nullValueConvertsAsValueOfNull() throws Exception {
        StreamMessage m = session.createStreamMessage();
        for (int i = 0; i < 4; i++) {
            m.writeObject(null);
        }
        StreamMessage received = roundTrip(m, StreamMessage.class);
        assertThrows(NumberFormatException.class, received::readByte);
        assertThrows(NumberFormatException.class, received::readShort);
        assertThrows(NumberFormatException.class, received::readInt);
        assertThrows(NumberFormatException.class, received::readLong);
        assertThrows(NullPointerException.class, received::readFloat);
        assertThrows(NullPointerException.class, received::readDouble);
        assertThrows(NullPointerException.class, received::readChar);
        assertFalse(received.readBoolean());
        assertNull(received.readString());
        assertNull(received.readObject());
        assertEquals(-1, received.readBytes(new byte[4]), "a null byte[] field reads as -1");
        assertThrows(MessageEOFException.class, received::readObject, "four reads, four null values");
    }

    @Test
    @DisplayName("readBytes reads a byte[] in pieces, then -1 at its end, then the next field")
    void readBytesReadsInPiecesThenMinusOne() throws Exception {
        StreamMessage received = received(new byte[] {1, 2, 3, 4, 5}, new byte[] {6, 7, 8, 9});
        byte[] buffer = new byte[2];
        assertEquals(2, received.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, received.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, received.readBytes(buffer));
        assertEquals(5, buffer[0]);
        assertEquals(-1, received.readBytes(buffer), "the field is read to its end");

        assertEquals(2, received.readBytes(buffer), "the next byte[] field");
        assertArrayEquals(new byte[] {6, 7}, buffer);
        assertEquals(2, received.readBytes(buffer));
        assertArrayEquals(new byte[] {8, 9}, buffer);
        assertEquals(-1, received.readBytes(buffer), "a full buffer means one more call, which returns -1");
        assertEquals(99, received.readInt());
    }

    @Test
    @DisplayName("after readBytes returned less than the buffer, the field is read and the next one readable")
    void shortReadEndsTheByteArrayField() throws Exception {
        StreamMessage received = received(new byte[] {1, 2, 3});
        assertEquals(3, received.readBytes(new byte[8]));
        assertEquals(99, received.readInt());
    }

    @Test
    @DisplayName("an empty byte[] field reads as 0, then -1")
    void emptyByteArrayReadsAsZero() throws Exception {
        StreamMessage received = received(new byte[0]);
        assertEquals(0, received.readBytes(new byte[4]));
        assertEquals(-1, received.readBytes(new byte[4]));
        assertEquals(99, received.readInt());
    }

    @Test
    @DisplayName("reading another field while a byte[] is read only in part: MessageFormatException")
    void readingAnotherFieldMidByteArrayIsRefused() throws Exception {
        StreamMessage received = received(new byte[] {1, 2, 3, 4, 5});
        byte[] buffer = new byte[2];
        assertEquals(2, received.readBytes(buffer));
        assertThrows(MessageFormatException.class, received::readInt);
        assertThrows(MessageFormatException.class, received::readObject);
        assertThrows(MessageFormatException.class, received::readString);
        assertEquals(2, received.readBytes(buffer), "the refusals left the byte[] where it was");
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, received.readBytes(buffer));
        assertEquals(5, buffer[0]);
        assertEquals(99, received.readInt());
    }

    @Test
    @DisplayName("readBytes on a value that is not a byte[]: MessageFormatException, position unchanged")
    void readBytesOfAnotherTypeIsRefused() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeString("text");
        StreamMessage received = roundTrip(m, StreamMessage.class);
        assertThrows(MessageFormatException.class, () -> received.readBytes(new byte[4]));
        assertEquals("text", received.readString());
    }

    @Test
    @DisplayName("a new message is write-only until reset(), then read-only")
    void newMessageIsWriteOnlyUntilReset() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::readObject);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
        m.reset();
        assertEquals(1, m.readInt());
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertThrows(MessageNotWriteableException.class, () -> m.writeObject("x"));
        m.setStringProperty("stillWritable", "properties are not the body");
        m.clearBody();
        assertThrows(MessageNotReadableException.class, m::readInt, "clearBody: write-only again");
        m.writeInt(3);
        m.reset();
        assertEquals(3, m.readInt());
        assertThrows(MessageEOFException.class, m::readInt, "clearBody emptied the body");
    }

    @Test
    @DisplayName("a received body is read-only until clearBody, which makes it write-only and empty")
    void receivedBodyIsReadOnlyUntilClearBody() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeInt(1);
        StreamMessage received = roundTrip(m, StreamMessage.class);
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(2));
        assertThrows(MessageNotWriteableException.class, () -> received.writeBytes(new byte[1]));
        assertEquals(1, received.readInt());

        received.clearBody();
        assertThrows(MessageNotReadableException.class, received::readInt);
        received.writeString("new");
        received.reset();
        assertEquals("new", received.readString());
        assertThrows(MessageEOFException.class, received::readString);
    }

    @Test
    @DisplayName("writeObject refuses a type outside the table with MessageFormatException")
    void writeObjectRefusesUnsupportedTypes() throws Exception {
        StreamMessage m = session.createStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.writeObject(List.of(1)));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        m.reset();
        assertThrows(MessageEOFException.class, m::readObject, "nothing was written");
    }

    @Test
    @DisplayName("getBody always throws MessageFormatException; isBodyAssignableTo is always false")
    void getBodyIsRefused() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeInt(1);
        StreamMessage received = roundTrip(m, StreamMessage.class);
        assertThrows(MessageFormatException.class, () -> received.getBody(Object.class));
        assertFalse(received.isBodyAssignableTo(Object.class));
        StreamMessage empty = roundTrip(session.createStreamMessage(), StreamMessage.class);
        assertThrows(MessageFormatException.class, () -> empty.getBody(Object.class));
        assertFalse(empty.isBodyAssignableTo(Object.class));
    }
}
