package io.wrenmq.jms.client;

import io.wrenmq.jms.message.WrenMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import java.io.Serializable;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: send options, properties and header values kept here and applied to every message
 * it sends, through an unidentified classic producer on the context's session.
 *
 * <p>The send options live in that classic producer, which checks them as {@code MessageProducer} does. Properties and
 * header values are held in a template message, so that they follow the rules of message properties exactly: names
 * (spec 3.5.1), value types and the conversion table (3.5.4). A value set here replaces the message's own: "Any
 * message properties set using these methods will override any message properties that have been set directly on
 * the message", and likewise "any message headers". Header values never set here leave the message's alone.
 *
 * <p>Not thread-safe: it belongs to its context's session, which one thread uses at a time.
 */
public class WrenJMSProducer implements JMSProducer {
    private final WrenSession session;
    private final WrenMessageProducer producer;
    private final WrenMessage template = new WrenMessage();
    private final Set<String> propertyNames = Collections.unmodifiableSet(new PropertyNames());
    private CompletionListener completionListener;
    private boolean typeSet;
    private boolean replyToSet;
    private boolean correlationIdSet;
    private boolean correlationIdAsBytes;

    WrenJMSProducer(WrenSession session, WrenMessageProducer producer) {
        this.session = session;
        this.producer = producer;
    }

    // Sending

    @Override
    public JMSProducer send(Destination destination, Message message) {
        Exceptions.run(() -> {
            if (message == null) {
                throw new MessageFormatException("the message must not be null");
            }
            if (destination == null) {
                throw new InvalidDestinationException("the destination must not be null");
            }
            applyTo(message);
            CompletionListener listener = completionListener;
            if (listener == null) {
                producer.send(destination, message);
            } else {
                producer.send(destination, message, listener);
            }
        });
        return this;
    }

    /** A null body sends "a TextMessage with no body". */
    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, Exceptions.call(() -> session.createTextMessage(body)));
    }

    /** A null body sends "a MapMessage with no map entries". */
    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage m = Exceptions.call(() -> {
            MapMessage map = session.createMapMessage();
            if (body != null) {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    map.setObject(e.getKey(), e.getValue());
                }
            }
            return map;
        });
        return send(destination, m);
    }

    /** A null body sends "a BytesMessage with no body". */
    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage m = Exceptions.call(() -> {
            BytesMessage bytes = session.createBytesMessage();
            if (body != null) {
                bytes.writeBytes(body);
            }
            return bytes;
        });
        return send(destination, m);
    }

    /** A null body sends "an ObjectMessage with no body". */
    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, Exceptions.call(() -> session.createObjectMessage(body)));
    }

    /** Sets this producer's properties and header values on {@code message}, replacing its own. */
    private void applyTo(Message message) throws jakarta.jms.JMSException {
        for (String name : propertyNames) {
            message.setObjectProperty(name, template.getObjectProperty(name));
        }
        if (typeSet) {
            message.setJMSType(template.getJMSType());
        }
        if (replyToSet) {
            message.setJMSReplyTo(template.getJMSReplyTo());
        }
        if (correlationIdSet) {
            if (correlationIdAsBytes) {
                message.setJMSCorrelationIDAsBytes(template.getJMSCorrelationIDAsBytes());
            } else {
                message.setJMSCorrelationID(template.getJMSCorrelationID());
            }
        }
    }

    // Send options

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        Exceptions.run(() -> producer.setDisableMessageID(value));
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return Exceptions.call(producer::getDisableMessageID);
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        Exceptions.run(() -> producer.setDisableMessageTimestamp(value));
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return Exceptions.call(producer::getDisableMessageTimestamp);
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        Exceptions.run(() -> producer.setDeliveryMode(deliveryMode));
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return Exceptions.call(producer::getDeliveryMode);
    }

    @Override
    public JMSProducer setPriority(int priority) {
        Exceptions.run(() -> producer.setPriority(priority));
        return this;
    }

    @Override
    public int getPriority() {
        return Exceptions.call(producer::getPriority);
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        Exceptions.run(() -> producer.setTimeToLive(timeToLive));
        return this;
    }

    @Override
    public long getTimeToLive() {
        return Exceptions.call(producer::getTimeToLive);
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        Exceptions.run(() -> producer.setDeliveryDelay(deliveryDelay));
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return Exceptions.call(producer::getDeliveryDelay);
    }

    /** Null makes sends synchronous again. */
    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // Properties: IllegalArgumentException for a bad name, MessageFormatRuntimeException for a bad value or conversion

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return setProperty(name, (Object) value);
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        Exceptions.run(() -> template.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        template.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return template.propertyExists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return Exceptions.call(() -> template.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return Exceptions.call(() -> template.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return Exceptions.call(() -> template.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return Exceptions.call(() -> template.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return Exceptions.call(() -> template.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return Exceptions.call(() -> template.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return Exceptions.call(() -> template.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return Exceptions.call(() -> template.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return template.getObjectProperty(name);
    }

    /** "An unmodifiable Set view [...] backed by the JMSProducer, so changes to the map are reflected in the set." */
    @Override
    public Set<String> getPropertyNames() {
        return propertyNames;
    }

    // Header values

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        template.setJMSCorrelationIDAsBytes(correlationID);
        correlationIdSet = true;
        correlationIdAsBytes = true;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return template.getJMSCorrelationIDAsBytes();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        template.setJMSCorrelationID(correlationID);
        correlationIdSet = true;
        correlationIdAsBytes = false;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return template.getJMSCorrelationID();
    }

    @Override
    public JMSProducer setJMSType(String type) {
        template.setJMSType(type);
        typeSet = true;
        return this;
    }

    @Override
    public String getJMSType() {
        return template.getJMSType();
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        template.setJMSReplyTo(replyTo);
        replyToSet = true;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return template.getJMSReplyTo();
    }

    @Override
    public String toString() {
        return "WrenJMSProducer[" + session + "]";
    }

    /** The names of the template's properties, read afresh on each use. */
    private final class PropertyNames extends AbstractSet<String> {
        private List<String> names() {
            return Collections.list(template.getPropertyNames());
        }

        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }

        @Override
        public int size() {
            return names().size();
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof String name && template.propertyExists(name);
        }
    }
}
