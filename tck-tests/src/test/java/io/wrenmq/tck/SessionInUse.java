package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A CLIENT_ACKNOWLEDGE session in use: a producer and a consumer on a queue, a message received and not
 * acknowledged, and one created and not sent. For the tests of what closing a session or connection leaves.
 */
record SessionInUse(Session session, Queue queue, MessageProducer producer, MessageConsumer consumer,
                    TextMessage received, TextMessage created) {

    /** Sets one up on {@code started}, on a queue of that name. */
    static SessionInUse open(Connection started, String queueName) throws JMSException {
        Session s = started.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(queueName);
        MessageProducer p = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        p.send(s.createTextMessage("received"));
        TextMessage received = (TextMessage) consumer.receive(5000);
        assertNotNull(received);
        return new SessionInUse(s, q, p, consumer, received, s.createTextMessage("created"));
    }

    /**
     * Once the session or its connection is closed (spec 6.1.8, 6.2.15): every use of the session, its producer and
     * consumer throws IllegalStateException, and so does acknowledging the received message; closing again is
     * ignored; both messages stay readable.
     */
    void assertClosed() throws JMSException {
        Session s = session;
        assertAll(
                () -> assertThrows(IllegalStateException.class, s::createMessage),
                () -> assertThrows(IllegalStateException.class, s::createTextMessage),
                () -> assertThrows(IllegalStateException.class, s::createBytesMessage),
                () -> assertThrows(IllegalStateException.class, s::createMapMessage),
                () -> assertThrows(IllegalStateException.class, s::createObjectMessage),
                () -> assertThrows(IllegalStateException.class, s::createStreamMessage),
                () -> assertThrows(IllegalStateException.class, s::getAcknowledgeMode),
                () -> assertThrows(IllegalStateException.class, s::getTransacted),
                () -> assertThrows(IllegalStateException.class, s::recover),
                () -> assertThrows(IllegalStateException.class, () -> s.createQueue("q")),
                () -> assertThrows(IllegalStateException.class, () -> s.createTopic("t")),
                () -> assertThrows(IllegalStateException.class, s::createTemporaryQueue),
                () -> assertThrows(IllegalStateException.class, s::createTemporaryTopic),
                () -> assertThrows(IllegalStateException.class, () -> s.createProducer(queue)),
                () -> assertThrows(IllegalStateException.class, () -> s.createConsumer(queue)),
                () -> assertThrows(IllegalStateException.class, () -> producer.send(created)),
                () -> assertThrows(IllegalStateException.class, () -> producer.send(received)),
                () -> assertThrows(IllegalStateException.class, producer::getDeliveryMode),
                () -> assertThrows(IllegalStateException.class, consumer::receiveNoWait),
                () -> assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { })),
                () -> assertThrows(IllegalStateException.class, received::acknowledge));
        assertEquals("received", received.getText());
        assertEquals("created", created.getText());
        s.close();
        producer.close();
        consumer.close();
    }
}
