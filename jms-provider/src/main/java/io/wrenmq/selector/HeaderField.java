package io.wrenmq.selector;

/**
 * The header fields a selector may reference. The specification restricts them to exactly these six (3.8.1.1:
 * "Message header field references are restricted to JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp,
 * JMSCorrelationID, and JMSType"); any other name beginning with {@code JMS} that is not a {@code JMSX} or
 * {@code JMS_} property name is refused when the selector is parsed.
 */
public enum HeaderField {
    DELIVERY_MODE("JMSDeliveryMode", Type.STRING),
    PRIORITY("JMSPriority", Type.NUMERIC),
    MESSAGE_ID("JMSMessageID", Type.STRING),
    TIMESTAMP("JMSTimestamp", Type.NUMERIC),
    CORRELATION_ID("JMSCorrelationID", Type.STRING),
    TYPE("JMSType", Type.STRING);

    private static final HeaderField[] ALL = values();

    private final String jmsName;
    private final Type type;

    HeaderField(String jmsName, Type type) {
        this.jmsName = jmsName;
        this.type = type;
    }

    /** The name a selector uses for this field, such as {@code JMSPriority}. */
    public String jmsName() {
        return jmsName;
    }

    /** The field a selector names with {@code name} (case-sensitive), or null if it names none. */
    public static HeaderField forName(String name) {
        for (HeaderField f : ALL) {
            if (f.jmsName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    Type type() {
        return type;
    }
}
