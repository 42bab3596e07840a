package io.wrenmq.jms.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

/**
 * The simplified API's consumer: a classic {@link WrenMessageConsumer} whose checked exceptions become their
 * unchecked counterparts, plus {@code receiveBody}.
 *
 * <p>Thread-safety as the classic consumer's: {@link #close()} may be called from any thread, everything else from
 * the thread using the context.
 */
public class WrenJMSConsumer implements JMSConsumer {
    private final WrenMessageConsumer consumer;

    WrenJMSConsumer(WrenMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return Exceptions.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return Exceptions.call(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        Exceptions.run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return Exceptions.call(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return Exceptions.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return Exceptions.call(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        Exceptions.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return Exceptions.call(() -> consumer.receiveBody(m -> bodyOf(m, c), 0, false));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return Exceptions.call(() -> consumer.receiveBody(m -> bodyOf(m, c), timeout, false));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return Exceptions.call(() -> consumer.receiveBody(m -> bodyOf(m, c), 0, true));
    }

    /**
     * The body for {@code receiveBody}, whose javadoc is stricter than {@code Message.getBody}: "This method may be
     * used to receive any type of message except for StreamMessage and Message, so long as the message has a body
     * which is capable of being assigned to the specified type. [...] If the message is not one of the supported
     * types, or its body cannot be assigned to the specified type, or it has no body, then a
     * MessageFormatRuntimeException is thrown."
     */
    static <T> T bodyOf(Message m, Class<T> type) throws MessageFormatException {
        if (!(m instanceof TextMessage || m instanceof ObjectMessage || m instanceof MapMessage
                || m instanceof BytesMessage)) {
            throw new MessageFormatException("receiveBody cannot return the body of a " + kindOf(m)
                    + "; use receive()");
        }
        T body;
        try {
            if (!m.isBodyAssignableTo(type)) {
                throw new MessageFormatException("the body of this " + kindOf(m) + " cannot be assigned to "
                        + type.getName());
            }
            body = m.getBody(type);
        } catch (MessageFormatException e) {
            throw e;
        } catch (JMSException e) {
            throw (MessageFormatException) Exceptions.withCause(new MessageFormatException(
                    "cannot read the body of this " + kindOf(m) + ": " + e.getMessage()), e);
        }
        if (body == null) {
            throw new MessageFormatException("this " + kindOf(m) + " has no body; receiveBody needs one");
        }
        return body;
    }

    private static String kindOf(Message m) {
        for (Class<?> kind : m.getClass().getInterfaces()) {
            if (Message.class.isAssignableFrom(kind)) {
                return kind.getSimpleName();
            }
        }
        return "Message";
    }

    @Override
    public String toString() {
        return "WrenJMSConsumer[" + consumer + "]";
    }
}
