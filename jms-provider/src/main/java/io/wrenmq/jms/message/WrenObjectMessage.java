package io.wrenmq.jms.message;

import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.MessageLayout;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A message whose body is a serialized Java object. {@link #setObject} serializes at once, so later changes to the
 * object do not reach the message; {@link #getObject} deserializes a fresh copy each time, through
 * {@link ObjectMessageDeserializer}, of the classes its {@link DeserializationPolicy} allows: that of the connection
 * it was received on or created by, or else {@link DeserializationPolicy#standard()}. The broker never deserializes
 * anything.
 */
public class WrenObjectMessage extends WrenMessage implements ObjectMessage {
    private byte[] serialized;
    private DeserializationPolicy policy;

    public WrenObjectMessage() {
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        if (object == null) {
            serialized = null;
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException mfe = new MessageFormatException("cannot serialize "
                    + object.getClass().getName() + ": " + e);
            mfe.setLinkedException(e);
            mfe.initCause(e);
            throw mfe;
        }
        serialized = bytes.toByteArray();
    }

    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : ObjectMessageDeserializer.deserialize(serialized, policy());
    }

    private DeserializationPolicy policy() {
        return policy != null ? policy : DeserializationPolicy.standard();
    }

    /** Which classes {@link #getObject} may deserialize: the connection's. */
    public void setDeserializationPolicy(DeserializationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw new MessageFormatException("the body of this ObjectMessage is a " + object.getClass().getName()
                    + ", not a " + c.getName());
        }
        return c.cast(object);
    }

    /** False, not an exception, when the object cannot be deserialized (Message.isBodyAssignableTo). */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c.isInstance(getObject());
        } catch (JMSException e) {
            return false;
        }
    }

    @Override
    int bodyType() {
        return MessageLayout.BODY_OBJECT;
    }

    @Override
    int bodySizeHint() {
        return serialized == null ? 0 : serialized.length;
    }

    @Override
    boolean bodyIsNull() {
        return serialized == null;
    }

    @Override
    void writeBody(ByteWriter w) {
        w.raw(serialized, 0, serialized.length);
    }

    @Override
    void readBody(ByteReader r, int length) {
        serialized = length < 0 ? null : r.raw(length);
    }
}
