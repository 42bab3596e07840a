package io.wrenmq.tck;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.11 and the Message javadoc: the message without a body. */
@DisplayName("Message without a body (spec 3.11)")
class MessageTest extends MessageTestSupport {

    @Test
    @DisplayName("a Message arrives as a Message of no other body type, with its properties")
    void messageArrivesWithItsProperties() throws Exception {
        Message m = session.createMessage();
        m.setStringProperty("only", "properties");
        Message received = roundTrip(m, Message.class);
        assertFalse(received instanceof TextMessage || received instanceof BytesMessage
                || received instanceof MapMessage || received instanceof StreamMessage
                || received instanceof ObjectMessage, "arrived as " + received.getClass().getName());
        assertEquals("properties", received.getStringProperty("only"));
    }

    @Test
    @DisplayName("getBody gives null for any type, and isBodyAssignableTo is true for any type")
    void getBodyIsNullForAnyType() throws Exception {
        Message received = roundTrip(session.createMessage(), Message.class);
        assertNull(received.getBody(String.class));
        assertNull(received.getBody(byte[].class));
        assertTrue(received.isBodyAssignableTo(Integer.class));
        received.clearBody();
        assertNull(received.getBody(Object.class));
    }

    @Test
    @DisplayName("each create method of the session gives its own body type, which the consumer receives")
    void eachBodyTypeArrivesAsItself() throws Exception {
        assertInstanceOf(TextMessage.class, roundTrip(session.createTextMessage(), Message.class));
        assertInstanceOf(BytesMessage.class, roundTrip(session.createBytesMessage(), Message.class));
        assertInstanceOf(MapMessage.class, roundTrip(session.createMapMessage(), Message.class));
        assertInstanceOf(StreamMessage.class, roundTrip(session.createStreamMessage(), Message.class));
        assertInstanceOf(ObjectMessage.class, roundTrip(session.createObjectMessage(), Message.class));
    }
}
