package io.wrenmq.jms.message;

import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.protocol.MessageLayout;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, read back in order through the conversion table of spec
 * section 3.11.3. Write-only when created and after {@link #clearBody()}; read-only after {@link #reset()} and on
 * receipt.
 *
 * <p>A read that fails with {@code MessageFormatException} or {@code NumberFormatException} leaves the position
 * where it was, so the value can be read as another type. A {@code byte[]} value may be read in pieces by
 * {@link #readBytes}; while bytes of it are left, any other read is refused. Once none are left, the next
 * {@code readBytes} returns -1 and the next read of another kind reads the next value.
 */
public class WrenStreamMessage extends WrenMessage implements StreamMessage {
    private final List<Object> values = new ArrayList<>();
    private boolean readMode;
    private int position;
    /** Bytes of the current byte[] value already read by readBytes, or -1 when none is being read. */
    private int bytesRead = -1;

    public WrenStreamMessage() {
    }

    @Override
    public void setReadOnly() {
        super.setReadOnly();
        reset();
    }

    @Override
    public void reset() {
        readMode = true;
        position = 0;
        bytesRead = -1;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        values.clear();
        readMode = false;
        position = 0;
        bytesRead = -1;
    }

    // Reading

    private interface Conversion<T> {
        T convert(Object value) throws JMSException;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        if (!readMode) {
            throw new MessageNotReadableException("the message is in write-only mode; call reset() first");
        }
        if (bytesRead >= 0) {
            if (bytesRead < ((byte[]) values.get(position)).length) {
                throw new MessageFormatException("the byte[] value being read by readBytes must be read to its end "
                        + "first");
            }
            // readBytes has read all of its bytes: the read goes on to the next value.
            bytesRead = -1;
            position++;
        }
        if (position >= values.size()) {
            throw new MessageEOFException("the end of the message body was reached");
        }
        T result = conversion.convert(values.get(position));
        position++;
        return result;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(Conversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(Conversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(Conversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(Conversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(Conversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(Conversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(Conversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(Conversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(Conversions::toStringValue);
    }

    @Override
    public Object readObject() throws JMSException {
        return read(v -> v instanceof byte[] b ? b.clone() : v);
    }

    /**
     * Reads the current byte[] value into {@code value}, in as many calls as it takes: each returns the number of
     * bytes copied, and the call after the last piece returns -1 and moves on (as does the first call on a null).
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        if (!readMode) {
            throw new MessageNotReadableException("the message is in write-only mode; call reset() first");
        }
        if (position >= values.size()) {
            throw new MessageEOFException("the end of the message body was reached");
        }
        Object current = values.get(position);
        if (current == null) {
            position++;
            return -1;
        }
        if (!(current instanceof byte[] bytes)) {
            throw Conversions.cannot(current, "byte[]");
        }
        int from = Math.max(bytesRead, 0);
        if (bytesRead >= 0 && from >= bytes.length) {
            bytesRead = -1;
            position++;
            return -1;
        }
        int n = Math.min(value.length, bytes.length - from);
        System.arraycopy(bytes, from, value, 0, n);
        bytesRead = from + n;
        return n;
    }

    // Writing

    private void write(Object value) throws JMSException {
        checkBodyWritable();
        if (readMode) {
            throw new MessageNotWriteableException("the message is in read-only mode; call clearBody() first");
        }
        values.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        write(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        write(slice);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !Conversions.isBodyValueType(value)) {
            throw new MessageFormatException("a StreamMessage value must be a boxed primitive, a String or a "
                    + "byte[], not " + value.getClass().getName());
        }
        write(value instanceof byte[] b ? b.clone() : value);
    }

    /** The body of a StreamMessage cannot be had as one object (Message.getBody). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned by getBody");
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    @Override
    int bodyType() {
        return MessageLayout.BODY_STREAM;
    }

    @Override
    int bodySizeHint() {
        return values.size() * 12;
    }

    @Override
    void writeBody(ByteWriter w) {
        w.i32(values.size());
        for (Object v : values) {
            w.value(v);
        }
    }

    @Override
    void readBody(ByteReader r, int length) {
        int count = r.i32();
        if (count < 0 || count > length) {
            throw new MalformedMessageException("stream value count " + count + " does not fit");
        }
        for (int i = 0; i < count; i++) {
            values.add(r.value(MessageLayout.TAG_BYTES));
        }
    }

    @Override
    public String toString() {
        return super.toString() + "[" + values.size() + " values" + (readMode ? "" : ", writing") + "]";
    }
}
