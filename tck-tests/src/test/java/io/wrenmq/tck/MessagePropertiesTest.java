package io.wrenmq.tck;

import io.wrenmq.tck.ConversionTable.Row;
import io.wrenmq.tck.ConversionTable.Type;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.5: message properties. */
@DisplayName("Message properties (spec 3.5)")
class MessagePropertiesTest extends MessageTestSupport {
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private static void set(Message m, String name, Type type, Object v) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.setBooleanProperty(name, (Boolean) v);
            case BYTE -> m.setByteProperty(name, (Byte) v);
            case SHORT -> m.setShortProperty(name, (Short) v);
            case INT -> m.setIntProperty(name, (Integer) v);
            case LONG -> m.setLongProperty(name, (Long) v);
            case FLOAT -> m.setFloatProperty(name, (Float) v);
            case DOUBLE -> m.setDoubleProperty(name, (Double) v);
            case STRING -> m.setStringProperty(name, (String) v);
            case CHAR, BYTES -> throw new IllegalArgumentException("no property type " + type);
        }
    }

    private static Object get(Message m, String name, Type type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.getBooleanProperty(name);
            case BYTE -> m.getByteProperty(name);
            case SHORT -> m.getShortProperty(name);
            case INT -> m.getIntProperty(name);
            case LONG -> m.getLongProperty(name);
            case FLOAT -> m.getFloatProperty(name);
            case DOUBLE -> m.getDoubleProperty(name);
            case STRING -> m.getStringProperty(name);
            case CHAR, BYTES -> throw new IllegalArgumentException("no property type " + type);
        };
    }

    private static Set<String> propertyNames(Message m) throws JMSException {
        Set<String> names = new HashSet<>();
        for (Object name : Collections.list(m.getPropertyNames())) {
            names.add((String) name);
        }
        return names;
    }

    @Test
    @DisplayName("a property of every type arrives intact, read by its own getter and by getObjectProperty")
    void everyPropertyTypeArrivesIntact() throws Exception {
        Message m = session.createMessage();
        for (Row row : ConversionTable.propertyRows()) {
            set(m, "typed" + row.written(), row.written(), row.value());
            m.setObjectProperty("object" + row.written(), row.value());
        }
        Message received = roundTrip(m, Message.class);
        for (Row row : ConversionTable.propertyRows()) {
            assertEquals(row.value(), get(received, "typed" + row.written(), row.written()), row.toString());
            assertEquals(row.value(), received.getObjectProperty("typed" + row.written()), row.toString());
            assertEquals(row.value(), received.getObjectProperty("object" + row.written()), row.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wrenmq.tck.ConversionTable#propertyRows")
    @DisplayName("conversion table (spec 3.5.4): a property reads as the allowed types only")
    void conversionTable(Row row) throws Exception {
        Message m = session.createMessage();
        set(m, "value", row.written(), row.value());
        Message received = roundTrip(m, Message.class);
        ConversionTable.assertReads(row, ConversionTable.PROPERTY_TYPES, t -> get(received, "value", t));
    }

    @Test
    @DisplayName("a String property that is no number: NumberFormatException; boolean by Boolean.valueOf")
    void stringPropertyConvertsByValueOf() throws Exception {
        Message m = session.createMessage();
        m.setStringProperty("word", "abc");
        m.setStringProperty("yes", "true");
        Message received = roundTrip(m, Message.class);
        ConversionTable.assertUnparsableStringConversions(t -> get(received, "word", t));
        assertTrue(received.getBooleanProperty("yes"));
    }

    @Test
    @DisplayName("an unset property reads as valueOf(null): null, false, NumberFormatException, NullPointerException")
    void unsetPropertyConvertsAsValueOfNull() throws Exception {
        Message received = roundTrip(session.createMessage(), Message.class);
        assertFalse(received.propertyExists("unset"));
        assertNull(received.getObjectProperty("unset"));
        ConversionTable.assertNullConversions(ConversionTable.PROPERTY_TYPES, t -> get(received, "unset", t));
    }

    @Test
    @DisplayName("properties of a received message are read-only until clearProperties, which removes them all")
    void receivedPropertiesAreReadOnlyUntilClearProperties() throws Exception {
        TextMessage m = session.createTextMessage("body");
        m.setIntProperty("count", 1);
        TextMessage received = roundTrip(m, TextMessage.class);

        for (Type type : ConversionTable.PROPERTY_TYPES) {
            Object value = ConversionTable.propertyRows().stream()
                    .filter(r -> r.written() == type).findFirst().orElseThrow().value();
            assertThrows(MessageNotWriteableException.class, () -> set(received, "count", type, value), type.name());
        }
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("other", "x"));
        assertEquals(1, received.getIntProperty("count"), "a refused write changes nothing");

        received.clearProperties();
        assertFalse(received.propertyExists("count"));
        assertFalse(received.getPropertyNames().hasMoreElements(), "no property left");
        assertEquals("body", received.getText(), "clearProperties keeps the body");
        received.setIntProperty("count", 2);
        assertEquals(2, received.getIntProperty("count"));
    }

    @Test
    @DisplayName("getPropertyNames gives the names set, and JMSXDeliveryCount the provider set on receipt")
    void propertyNamesAreTheNamesSet() throws Exception {
        Message m = session.createMessage();
        m.setIntProperty("zeta", 1);
        m.setStringProperty("alpha", "a");
        m.setObjectProperty("mu", 2.5);
        assertEquals(Set.of("zeta", "alpha", "mu"), propertyNames(m), "before sending");
        Message received = roundTrip(m, Message.class);
        assertEquals(Set.of("zeta", "alpha", "mu", DELIVERY_COUNT), propertyNames(received));
    }

    @Test
    @DisplayName("propertyExists is true for a property set, whatever its value, and false otherwise")
    void propertyExists() throws Exception {
        Message m = session.createMessage();
        m.setBooleanProperty("flag", false);
        m.setStringProperty("empty", "");
        Message received = roundTrip(m, Message.class);
        assertTrue(received.propertyExists("flag"));
        assertTrue(received.propertyExists("empty"));
        assertEquals("", received.getStringProperty("empty"));
        assertFalse(received.propertyExists("other"));
        assertFalse(received.propertyExists("Flag"), "names are case-sensitive");
    }

    @Test
    @DisplayName("JMSXDeliveryCount is set by the provider on receipt: an int, 1 on first delivery (spec 3.5.9)")
    void deliveryCountIsSetOnReceipt() throws Exception {
        Message m = session.createMessage();
        assertFalse(m.propertyExists(DELIVERY_COUNT), "not set before sending");
        Message received = roundTrip(m, Message.class);
        assertTrue(received.propertyExists(DELIVERY_COUNT));
        assertEquals(1, received.getIntProperty(DELIVERY_COUNT));
        assertEquals(Integer.valueOf(1), received.getObjectProperty(DELIVERY_COUNT));
        assertFalse(m.propertyExists(DELIVERY_COUNT), "the sender's message is not changed by the delivery");
    }

    @Test
    @DisplayName("JMSXGroupID and JMSXGroupSeq set by the client arrive as set (spec 3.5.9)")
    void groupPropertiesSetByTheClientArrive() throws Exception {
        Message m = session.createMessage();
        m.setStringProperty("JMSXGroupID", "orders-17");
        m.setIntProperty("JMSXGroupSeq", 3);
        Message received = roundTrip(m, Message.class);
        assertEquals("orders-17", received.getStringProperty("JMSXGroupID"));
        assertEquals(3, received.getIntProperty("JMSXGroupSeq"));
    }

    @Test
    @DisplayName("ConnectionMetaData lists the JMSX properties supported: at least the required three (spec 3.5.9)")
    void metaDataListsTheSupportedJmsxProperties() throws Exception {
        Set<String> names = new HashSet<>(Collections.list(connection().getMetaData().getJMSXPropertyNames()));
        assertTrue(names.containsAll(Set.of("JMSXGroupID", "JMSXGroupSeq", DELIVERY_COUNT)), names.toString());
        for (String name : names) {
            assertTrue(name.startsWith("JMSX"), name);
        }
    }

    @Test
    @DisplayName("a received message sent on keeps its properties, with JMSXDeliveryCount its own")
    void forwardedMessageKeepsItsProperties() throws Exception {
        Message m = session.createMessage();
        m.setStringProperty("origin", "first hop");
        Message once = roundTrip(m, Message.class);
        Message twice = roundTrip(once, Message.class);
        assertEquals("first hop", twice.getStringProperty("origin"));
        assertEquals(1, twice.getIntProperty(DELIVERY_COUNT));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "1abc", "with space", "with-dash", "a.b", "NULL", "TRUE", "FALSE", "NOT", "AND", "OR",
            "BETWEEN", "LIKE", "IN", "IS", "ESCAPE", "and", "Null"})
    @DisplayName("a name that is not a selector identifier is refused with IllegalArgumentException (spec 3.5.1, 3.8)")
    void invalidNamesAreRefused(String name) throws Exception {
        Message m = session.createMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(name, "v"));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(name, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(name, 1L));
        assertFalse(m.getPropertyNames().hasMoreElements());
    }

    @Test
    @DisplayName("a null name is refused with IllegalArgumentException")
    void nullNameIsRefused() throws Exception {
        Message m = session.createMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> m.setBooleanProperty(null, true));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(null, 1));
    }

    @Test
    @DisplayName("valid identifiers are accepted: letters, digits, _ and $, any Unicode letter")
    void validNamesAreAccepted() throws Exception {
        Message m = session.createMessage();
        List<String> names = List.of("a", "_under", "$dollar", "camelCase9", "ünïcödé", "ANDROID", "INside");
        for (String name : names) {
            m.setStringProperty(name, name);
        }
        Message received = roundTrip(m, Message.class);
        for (String name : names) {
            assertEquals(name, received.getStringProperty(name));
        }
    }

    @Test
    @DisplayName("setObjectProperty refuses any type but the boxed primitives and String: MessageFormatException")
    void setObjectPropertyRefusesUnsupportedTypes() throws Exception {
        Message m = session.createMessage();
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("c", 'c'), "char is no property type");
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("b", new byte[] {1}));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("l", List.of(1)));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("o", new Object()));
        assertFalse(m.getPropertyNames().hasMoreElements());
    }
}
