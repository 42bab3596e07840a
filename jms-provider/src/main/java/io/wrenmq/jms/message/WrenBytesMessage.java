package io.wrenmq.jms.message;

import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.MessageLayout;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * A message whose body is a stream of bytes written and read with {@code java.io.DataOutput}/{@code DataInput}
 * semantics. Write-only when created and after {@link #clearBody()}; read-only after {@link #reset()} and on
 * receipt.
 */
public class WrenBytesMessage extends WrenMessage implements BytesMessage {
    /** Gives the codec the written bytes without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64);
        }

        byte[] array() {
            return buf;
        }
    }

    private Buffer written = new Buffer();
    private DataOutputStream out = new DataOutputStream(written);
    private byte[] body;
    private DataInputStream in;

    public WrenBytesMessage() {
    }

    private boolean readMode() {
        return body != null;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!readMode()) {
            throw new MessageNotReadableException("the message is in write-only mode; call reset() first");
        }
    }

    private void checkWritable() throws JMSException {
        checkBodyWritable();
    }

    @Override
    public void setReadOnly() {
        super.setReadOnly();
        toReadMode();
    }

    private void toReadMode() {
        if (!readMode()) {
            body = written.toByteArray();
            written = null;
            out = null;
        }
        in = new DataInputStream(new ByteArrayInputStream(body));
    }

    /** Puts the body, and only the body, in read-only mode: the properties stay as they are. */
    @Override
    public void reset() {
        toReadMode();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        body = null;
        in = null;
        written = new Buffer();
        out = new DataOutputStream(written);
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return body.length;
    }

    /** The whole body whatever the mode, without moving the read position. */
    private byte[] content() {
        return readMode() ? body : written.toByteArray();
    }

    /**
     * The whole body as a new byte[]. Message.getBody resets a BytesMessage before and after use: one being read is
     * left at the start of its body; one being written is left as it is, still writable.
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] b = content();
        if (b.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw new MessageFormatException("the body of a BytesMessage is a byte[], not a " + c.getName());
        }
        if (readMode()) {
            toReadMode();
        }
        return c.cast(b.clone());
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return content().length == 0 || c.isAssignableFrom(byte[].class);
    }

    @Override
    int bodyType() {
        return MessageLayout.BODY_BYTES;
    }

    @Override
    int bodySizeHint() {
        return readMode() ? body.length : written.size();
    }

    @Override
    void writeBody(ByteWriter w) {
        if (readMode()) {
            w.raw(body, 0, body.length);
        } else {
            w.raw(written.array(), 0, written.size());
        }
    }

    @Override
    void readBody(ByteReader r, int length) {
        body = r.raw(length);
        written = null;
        out = null;
        in = new DataInputStream(new ByteArrayInputStream(body));
    }

    // Reading

    /** A read from the body's stream; given the stream only once the message is known to be readable. */
    private interface Read<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> T read(Read<T> op) throws JMSException {
        checkReadable();
        try {
            return op.read(in);
        } catch (EOFException e) {
            throw new MessageEOFException("the end of the message body was reached");
        } catch (UTFDataFormatException e) {
            throw new MessageFormatException("the bytes are not a modified UTF-8 string: " + e.getMessage());
        } catch (IOException e) {
            throw new MessageFormatException(e.toString());
        }
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(stream -> {
            stream.mark(Integer.MAX_VALUE);
            try {
                return stream.readUTF();
            } catch (IOException e) {
                // A failed read leaves the position where it was, so the bytes can be read some other way.
                stream.reset();
                throw e;
            }
        });
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside 0.." + value.length);
        }
        return read(stream -> {
            if (length == 0) {
                return 0;
            }
            int n = stream.read(value, 0, length);
            return n <= 0 ? -1 : n;
        });
    }

    // Writing

    private interface Write {
        void write() throws IOException;
    }

    private void write(Write op) throws JMSException {
        checkWritable();
        if (readMode()) {
            throw new jakarta.jms.MessageNotWriteableException("the message is in read-only mode; "
                    + "call clearBody() first");
        }
        try {
            op.write();
        } catch (UTFDataFormatException e) {
            throw new MessageFormatException("the string is too long for writeUTF: " + e.getMessage());
        } catch (IOException e) {
            throw new MessageFormatException(e.toString());
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(() -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(() -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(() -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(() -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(() -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(() -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(() -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(() -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(() -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(() -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(() -> out.write(value, offset, length));
    }

    /** Accepts the boxed primitives, String and byte[] (spec: BytesMessage.writeObject). */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject does not accept null");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("writeObject cannot write a " + value.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return super.toString() + "[" + content().length + " bytes" + (readMode() ? "" : ", writing") + "]";
    }

    /** For tests of the codec: the body as it would be sent. */
    byte[] bodyBytes() {
        return Arrays.copyOf(content(), content().length);
    }
}
