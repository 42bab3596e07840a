package io.wrenmq.jms.message;

import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.MalformedMessageException;
import io.wrenmq.protocol.MessageLayout;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of name-value pairs; values are the boxed primitives, Character, String and byte[],
 * read back through the conversion table of spec section 3.11.3. Read-only on receipt until {@link #clearBody()}.
 */
public class WrenMapMessage extends WrenMessage implements MapMessage {
    private final Map<String, Object> map = new LinkedHashMap<>();

    public WrenMapMessage() {
    }

    private void put(String name, Object value) throws JMSException {
        checkBodyWritable();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a map entry needs a non-empty name");
        }
        map.put(name, value);
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return Conversions.toBoolean(map.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return Conversions.toByte(map.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return Conversions.toShort(map.get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return Conversions.toChar(map.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return Conversions.toInt(map.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return Conversions.toLong(map.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return Conversions.toFloat(map.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return Conversions.toDouble(map.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return Conversions.toStringValue(map.get(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return Conversions.toBytes(map.get(name));
    }

    @Override
    public Object getObject(String name) {
        Object v = map.get(name);
        return v instanceof byte[] b ? b.clone() : v;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(map.keySet());
    }

    @Override
    public boolean itemExists(String name) {
        return map.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        put(name, slice);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !Conversions.isBodyValueType(value)) {
            throw new MessageFormatException("a MapMessage value must be a boxed primitive, a String or a byte[], "
                    + "not " + value.getClass().getName());
        }
        put(name, value instanceof byte[] b ? b.clone() : value);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        map.clear();
    }

    /** An empty map is no body: any type may be asked for and null comes back (Message.getBody). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (map.isEmpty()) {
            return null;
        }
        if (!c.isAssignableFrom(Map.class)) {
            throw new MessageFormatException("the body of a MapMessage is a Map, not a " + c.getName());
        }
        return c.cast(new LinkedHashMap<>(map));
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return map.isEmpty() || c.isAssignableFrom(Map.class);
    }

    @Override
    int bodyType() {
        return MessageLayout.BODY_MAP;
    }

    @Override
    int bodySizeHint() {
        return map.size() * 24;
    }

    @Override
    void writeBody(ByteWriter w) {
        w.i32(map.size());
        map.forEach((name, value) -> w.str(name).value(value));
    }

    @Override
    void readBody(ByteReader r, int length) {
        int count = r.i32();
        if (count < 0 || count > length) {
            throw new MalformedMessageException("map entry count " + count + " does not fit");
        }
        for (int i = 0; i < count; i++) {
            map.put(r.str(), r.value(MessageLayout.TAG_BYTES));
        }
    }
}
