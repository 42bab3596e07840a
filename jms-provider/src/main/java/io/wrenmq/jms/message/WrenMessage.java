package io.wrenmq.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A message without a body, and the header fields and properties every message type has (spec chapter 3).
 *
 * <p>Properties follow the conversion table of section 3.5.4; they are read-only on a received message until
 * {@link #clearProperties()}, as the body is until {@link #clearBody()}.
 *
 * <p>Not thread-safe: the specification does not require messages to be, and a session is single-threaded.
 */
public class WrenMessage implements Message {
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    public WrenMessage() {
    }

    // Provider hooks

    /** A received message: body and properties become read-only, Bytes and Stream bodies readable. */
    public void setReadOnly() {
        propertiesReadOnly = true;
        bodyReadOnly = true;
    }

    /** {@code JMSXDeliveryCount}, and {@code JMSRedelivered} when it is above 1. */
    public void setDeliveryCount(int count) {
        properties.put(DELIVERY_COUNT, count);
        redelivered = count > 1;
    }

    /** What {@link #acknowledge()} does; set on receipt. */
    public void setAcknowledger(MessageAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the message body is read-only; call clearBody() first");
        }
    }

    /** Wire code of the body type, see {@code MessageLayout}. */
    int bodyType() {
        return io.wrenmq.protocol.MessageLayout.BODY_MESSAGE;
    }

    /** Writes the body (without its length), for the codec. */
    void writeBody(io.wrenmq.protocol.ByteWriter w) throws JMSException {
    }

    /** Roughly how many bytes the encoded body takes, so the encoder allocates once. */
    int bodySizeHint() {
        return 0;
    }

    /** True if the body is null (Text or Object), written as length -1. */
    boolean bodyIsNull() {
        return false;
    }

    /** Reads the body the codec found, {@code length} -1 meaning null. */
    void readBody(io.wrenmq.protocol.ByteReader r, int length) {
    }

    Map<String, Object> propertyMap() {
        return properties;
    }

    void setCorrelationIdBytesRaw(byte[] bytes) {
        correlationIdBytes = bytes;
        correlationId = null;
    }

    byte[] correlationIdBytesRaw() {
        return correlationIdBytes;
    }

    String correlationIdStringRaw() {
        return correlationId;
    }

    // Header fields

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long value) {
        timestamp = value;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] value) {
        correlationIdBytes = value == null ? null : value.clone();
        correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(String value) {
        correlationId = value;
        correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination value) {
        replyTo = value;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination value) {
        destination = value;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int value) {
        deliveryMode = value;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean value) {
        redelivered = value;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String value) {
        type = value;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long value) {
        expiration = value;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long value) {
        deliveryTime = value;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int value) {
        priority = value;
    }

    // Properties

    @Override
    public void clearProperties() {
        properties.clear();
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.containsKey(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return Conversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return Conversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return Conversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return Conversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return Conversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return Conversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return Conversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return Conversions.toStringValue(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return Collections.enumeration(properties.keySet());
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (value != null && !Conversions.isPropertyType(value)) {
            throw new MessageFormatException("a property value must be a boxed primitive or a String, not "
                    + value.getClass().getName());
        }
        put(name, value);
    }

    private void put(String name, Object value) throws MessageNotWriteableException {
        checkPropertyName(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only; "
                    + "call clearProperties() first");
        }
        properties.put(name, value);
    }

    /** Names must be selector identifiers (spec 3.5.1): a Java identifier that is not a reserved word. */
    static void checkPropertyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("'" + name + "' is not a valid property name");
            }
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is a reserved word of the selector syntax");
        }
    }

    // Acknowledgement and body

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    /** A message without a body gives null for any type (spec 3.11.5 / Message.getBody). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) throws JMSException {
        return true;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + ", redelivered="
                + redelivered + "]";
    }
}
