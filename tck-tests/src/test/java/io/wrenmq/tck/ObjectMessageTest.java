package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.11 and the ObjectMessage javadoc: a body that is a serializable object. */
@DisplayName("ObjectMessage (spec 3.11)")
class ObjectMessageTest extends MessageTestSupport {

    /** An application's own serializable type. */
    static final class Order implements Serializable {
        private static final long serialVersionUID = 1L;
        final String item;
        final List<Integer> quantities;

        Order(String item, List<Integer> quantities) {
            this.item = item;
            this.quantities = quantities;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Order other && other.item.equals(item) && other.quantities.equals(quantities);
        }

        @Override
        public int hashCode() {
            return Objects.hash(item, quantities);
        }
    }

    /** Serializes, but refuses to be read back: stands for a class the consumer cannot load. */
    static final class Unreadable implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("refuses to be deserialized");
        }
    }

    /** Serializable in name only: its field is not. */
    static final class NotReallySerializable implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        final Object field = new Object();
    }

    /** An application allows its own classes to be deserialized (see {@link ObjectMessageSecurityTest}). */
    @BeforeEach
    void allowTheseClasses() throws JMSException {
        Connection c = connection("deserializationAllowList=" + ObjectMessageTest.class.getName());
        c.start();
        session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    @DisplayName("an object arrives as an equal copy, created by setObject or createObjectMessage(object)")
    void objectArrivesAsAnEqualCopy() throws Exception {
        Order order = new Order("nuts", List.of(1, 2, 3));
        ObjectMessage m = session.createObjectMessage();
        m.setObject(order);
        ObjectMessage received = roundTrip(m, ObjectMessage.class);
        assertEquals(order, received.getObject());
        assertNotSame(received.getObject(), received.getObject(), "each getObject() gives its own copy");

        ObjectMessage direct = roundTrip(session.createObjectMessage("a string"), ObjectMessage.class);
        assertEquals("a string", direct.getObject());
    }

    @Test
    @DisplayName("the body is a snapshot taken by setObject: later changes to the object are not sent")
    void setObjectTakesASnapshot() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("before"));
        ObjectMessage m = session.createObjectMessage(list);
        list.add("after setObject");
        assertEquals(List.of("before"), m.getObject());
        ObjectMessage received = roundTrip(m, ObjectMessage.class);
        assertEquals(List.of("before"), received.getObject());
    }

    @Test
    @DisplayName("a null object arrives as null and is no body for getBody")
    void nullObjectArrivesAsNull() throws Exception {
        ObjectMessage received = roundTrip(session.createObjectMessage(), ObjectMessage.class);
        assertNull(received.getObject());
        assertNull(received.getBody(Integer.class));
        assertTrue(received.isBodyAssignableTo(Integer.class));
    }

    @Test
    @DisplayName("setObject on a received message: MessageNotWriteableException until clearBody")
    void receivedBodyIsReadOnlyUntilClearBody() throws Exception {
        ObjectMessage received = roundTrip(session.createObjectMessage("original"), ObjectMessage.class);
        assertThrows(MessageNotWriteableException.class, () -> received.setObject("changed"));
        assertEquals("original", received.getObject());

        received.clearBody();
        assertNull(received.getObject());
        received.setObject("changed");
        assertEquals("changed", received.getObject(), "after clearBody it can be written and read");
    }

    @Test
    @DisplayName("setObject of an object that cannot be serialized: MessageFormatException")
    void unserializableObjectIsRefused() throws Exception {
        ObjectMessage m = session.createObjectMessage();
        assertThrows(MessageFormatException.class, () -> m.setObject(new NotReallySerializable()));
    }

    @Test
    @DisplayName("getBody gives the object for any type it is assignable to; another type: MessageFormatException")
    void getBodyGivesTheObject() throws Exception {
        Order order = new Order("bolts", List.of(4));
        ObjectMessage received = roundTrip(session.createObjectMessage(order), ObjectMessage.class);
        assertEquals(order, received.getBody(Order.class));
        assertEquals(order, received.getBody(Serializable.class));
        assertEquals(order, received.getBody(Object.class));
        assertThrows(MessageFormatException.class, () -> received.getBody(String.class));
        assertTrue(received.isBodyAssignableTo(Order.class));
        assertTrue(received.isBodyAssignableTo(Serializable.class));
        assertFalse(received.isBodyAssignableTo(String.class));
    }

    @Test
    @DisplayName("an object that fails to deserialize: getObject and getBody throw MessageFormatException, "
            + "isBodyAssignableTo is false")
    void failedDeserialization() throws Exception {
        ObjectMessage received = roundTrip(session.createObjectMessage(new Unreadable()), ObjectMessage.class);
        assertThrows(MessageFormatException.class, received::getObject);
        assertThrows(MessageFormatException.class, () -> received.getBody(Serializable.class));
        assertFalse(received.isBodyAssignableTo(Serializable.class));
    }
}
