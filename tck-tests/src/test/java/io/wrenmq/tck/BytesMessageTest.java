package io.wrenmq.tck;

import jakarta.jms.BytesMessage;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.11 and the BytesMessage javadoc: a body of bytes, DataInput/DataOutput style. */
@DisplayName("BytesMessage (spec 3.11)")
class BytesMessageTest extends MessageTestSupport {

    private BytesMessage receivedWithBytes(byte... body) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        return roundTrip(m, BytesMessage.class);
    }

    @Test
    @DisplayName("values of every type arrive intact and in order, then MessageEOFException")
    void everyValueTypeArrivesIntactAndInOrder() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeByte((byte) 200);
        m.writeShort((short) -3);
        m.writeShort((short) 60_000);
        m.writeChar('é');
        m.writeInt(70_000);
        m.writeLong(5_000_000_000L);
        m.writeFloat(1.5f);
        m.writeDouble(2.25);
        m.writeUTF("wren ✓");
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);

        BytesMessage received = roundTrip(m, BytesMessage.class);
        assertTrue(received.readBoolean());
        assertEquals(-2, received.readByte());
        assertEquals(200, received.readUnsignedByte());
        assertEquals(-3, received.readShort());
        assertEquals(60_000, received.readUnsignedShort());
        assertEquals('é', received.readChar());
        assertEquals(70_000, received.readInt());
        assertEquals(5_000_000_000L, received.readLong());
        assertEquals(1.5f, received.readFloat());
        assertEquals(2.25, received.readDouble());
        assertEquals("wren ✓", received.readUTF());
        byte[] rest = new byte[5];
        assertEquals(5, received.readBytes(rest));
        assertArrayEquals(new byte[] {1, 2, 3, 8, 7}, rest);
        assertThrows(MessageEOFException.class, received::readByte);
        assertThrows(MessageEOFException.class, received::readInt);
    }

    @Test
    @DisplayName("writeObject writes the boxed primitives, String and byte[] as their own write methods do")
    void writeObjectWritesLikeTheTypedMethods() throws Exception {
        BytesMessage m = session.createBytesMessage();
        for (Object v : List.of(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "seven", new byte[] {8})) {
            m.writeObject(v);
        }
        BytesMessage received = roundTrip(m, BytesMessage.class);
        assertTrue(received.readBoolean());
        assertEquals(1, received.readByte());
        assertEquals(2, received.readShort());
        assertEquals('c', received.readChar());
        assertEquals(3, received.readInt());
        assertEquals(4L, received.readLong());
        assertEquals(5f, received.readFloat());
        assertEquals(6d, received.readDouble());
        assertEquals("seven", received.readUTF());
        assertEquals(8, received.readByte());
        assertThrows(MessageEOFException.class, received::readByte);
    }

    @Test
    @DisplayName("writeObject: NullPointerException for null, MessageFormatException for other types")
    void writeObjectRefusesNullAndUnsupportedTypes() throws Exception {
        BytesMessage m = session.createBytesMessage();
        assertThrows(NullPointerException.class, () -> m.writeObject(null));
        assertThrows(MessageFormatException.class, () -> m.writeObject(List.of(1)));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        m.reset();
        assertEquals(0, m.getBodyLength(), "nothing was written");
    }

    @Test
    @DisplayName("readBytes reads what is left in pieces, then -1 at the end")
    void readBytesReadsInPiecesThenMinusOne() throws Exception {
        BytesMessage received = receivedWithBytes((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5);
        byte[] buffer = new byte[2];
        assertEquals(2, received.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, received.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, received.readBytes(buffer), "fewer than the buffer holds: the end is reached");
        assertEquals(5, buffer[0]);
        assertEquals(-1, received.readBytes(buffer));
        assertEquals(-1, received.readBytes(buffer, 1));
    }

    @Test
    @DisplayName("readBytes(value, length) reads at most length bytes; a length beyond the array is refused")
    void readBytesWithLength() throws Exception {
        BytesMessage received = receivedWithBytes((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5);
        byte[] buffer = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> received.readBytes(buffer, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> received.readBytes(buffer, -1));
        assertEquals(3, received.readBytes(buffer, 3));
        assertArrayEquals(new byte[] {1, 2, 3, 0}, buffer, "no byte read for the refused calls, none past length");
        assertEquals(2, received.readBytes(buffer, 3));
        assertArrayEquals(new byte[] {4, 5}, new byte[] {buffer[0], buffer[1]});
        assertEquals(-1, received.readBytes(buffer, 3));
    }

    @Test
    @DisplayName("readUTF reads what writeUTF wrote: a length and modified UTF-8, as DataOutput does")
    void utfStringsUseTheDataOutputFormat() throws Exception {
        String text = "naïve ∑ \u0000 𝄞";
        BytesMessage m = session.createBytesMessage();
        m.writeUTF(text);
        m.writeUTF("");
        BytesMessage received = roundTrip(m, BytesMessage.class);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeUTF(text);
            out.writeUTF("");
        }
        assertEquals(expected.size(), received.getBodyLength());
        byte[] raw = new byte[expected.size()];
        assertEquals(raw.length, received.readBytes(raw));
        assertArrayEquals(expected.toByteArray(), raw);

        received.reset();
        assertEquals(text, received.readUTF());
        assertEquals("", received.readUTF());
        assertThrows(MessageEOFException.class, received::readUTF);
    }

    @Test
    @DisplayName("getBodyLength is the number of bytes of the body, whatever has been read")
    void getBodyLengthCountsTheBody() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeInt(1);
        m.writeLong(2);
        m.writeUTF("abc");
        BytesMessage received = roundTrip(m, BytesMessage.class);
        assertEquals(4 + 8 + 2 + 3, received.getBodyLength());
        received.readInt();
        assertEquals(17, received.getBodyLength());
        assertEquals(0, roundTrip(session.createBytesMessage(), BytesMessage.class).getBodyLength());
    }

    @Test
    @DisplayName("a new message is write-only until reset(), which makes it readable from the start")
    void newMessageIsWriteOnlyUntilReset() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeInt(7);
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
        m.reset();
        assertEquals(4, m.getBodyLength());
        assertEquals(7, m.readInt());
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(8));
        m.reset();
        assertEquals(7, m.readInt(), "reset() goes back to the start");
    }

    @Test
    @DisplayName("reset() puts only the body in read-only mode: properties stay writable")
    void resetLeavesPropertiesWritable() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeInt(7);
        m.reset();
        m.setStringProperty("after", "reset");
        BytesMessage received = roundTrip(m, BytesMessage.class);
        assertEquals("reset", received.getStringProperty("after"));
        assertEquals(7, received.readInt());
    }

    @Test
    @DisplayName("a received body is read-only until clearBody, which makes it write-only and empty")
    void receivedBodyIsReadOnlyUntilClearBody() throws Exception {
        BytesMessage received = receivedWithBytes((byte) 1, (byte) 2);
        assertThrows(MessageNotWriteableException.class, () -> received.writeByte((byte) 3));
        assertThrows(MessageNotWriteableException.class, () -> received.writeBytes(new byte[1]));
        assertThrows(MessageNotWriteableException.class, () -> received.writeObject("x"));
        assertEquals(2, received.getBodyLength(), "a refused write changes nothing");

        received.clearBody();
        assertThrows(MessageNotReadableException.class, received::readByte);
        assertThrows(MessageNotReadableException.class, received::getBodyLength);
        received.writeShort((short) 9);
        received.reset();
        assertEquals(2, received.getBodyLength());
        assertEquals(9, received.readShort());
    }

    @Test
    @DisplayName("a received message sent on arrives whole, however much of it was read")
    void forwardedMessageArrivesWhole() throws Exception {
        BytesMessage received = receivedWithBytes((byte) 1, (byte) 2, (byte) 3);
        assertEquals(1, received.readByte());
        BytesMessage forwarded = roundTrip(received, BytesMessage.class);
        byte[] all = new byte[4];
        assertEquals(3, forwarded.readBytes(all));
        assertArrayEquals(new byte[] {1, 2, 3, 0}, all);
    }

    @Test
    @DisplayName("the sender may keep writing after send without changing what was sent, and send again")
    void changesAfterSendDoNotReachTheSentMessage() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeByte((byte) 1);
        BytesMessage first = roundTrip(m, BytesMessage.class);
        m.writeByte((byte) 2);
        BytesMessage second = roundTrip(m, BytesMessage.class);
        assertEquals(1, first.getBodyLength());
        assertEquals(2, second.getBodyLength());
        assertEquals(1, second.readByte());
        assertEquals(2, second.readByte());
    }

    @Test
    @DisplayName("getBody gives a copy of all the bytes and resets the message; no bytes is no body (null)")
    void getBodyGivesAllTheBytes() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeInt(1);
        m.writeInt(2);
        BytesMessage received = roundTrip(m, BytesMessage.class);
        assertEquals(1, received.readInt());
        byte[] body = received.getBody(byte[].class);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 2}, body);
        assertEquals(1, received.readInt(), "getBody resets the message before and after use (Message.getBody)");
        body[3] = 42;
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 2}, received.getBody(byte[].class), "a copy");
        assertTrue(received.isBodyAssignableTo(byte[].class));
        assertTrue(received.isBodyAssignableTo(Object.class));
        assertFalse(received.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> received.getBody(String.class));

        BytesMessage empty = roundTrip(session.createBytesMessage(), BytesMessage.class);
        assertNull(empty.getBody(String.class));
        assertTrue(empty.isBodyAssignableTo(String.class));
    }
}
