package io.wrenmq.tck;

import io.wrenmq.tck.ConversionTable.Row;
import io.wrenmq.tck.ConversionTable.Type;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.11 and the MapMessage javadoc: a body of named values. */
@DisplayName("MapMessage (spec 3.11)")
class MapMessageTest extends MessageTestSupport {

    private static void set(MapMessage m, String name, Type type, Object v) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.setBoolean(name, (Boolean) v);
            case BYTE -> m.setByte(name, (Byte) v);
            case SHORT -> m.setShort(name, (Short) v);
            case CHAR -> m.setChar(name, (Character) v);
            case INT -> m.setInt(name, (Integer) v);
            case LONG -> m.setLong(name, (Long) v);
            case FLOAT -> m.setFloat(name, (Float) v);
            case DOUBLE -> m.setDouble(name, (Double) v);
            case STRING -> m.setString(name, (String) v);
            case BYTES -> m.setBytes(name, (byte[]) v);
        }
    }

    private static Object get(MapMessage m, String name, Type type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.getBoolean(name);
            case BYTE -> m.getByte(name);
            case SHORT -> m.getShort(name);
            case CHAR -> m.getChar(name);
            case INT -> m.getInt(name);
            case LONG -> m.getLong(name);
            case FLOAT -> m.getFloat(name);
            case DOUBLE -> m.getDouble(name);
            case STRING -> m.getString(name);
            case BYTES -> m.getBytes(name);
        };
    }

    private static Set<String> names(MapMessage m) throws JMSException {
        return new HashSet<>(Collections.list(m.getMapNames()));
    }

    @Test
    @DisplayName("a value of every type arrives intact, read back by its own getter and by getObject")
    void everyValueTypeArrivesIntact() throws Exception {
        MapMessage m = session.createMapMessage();
        for (Row row : ConversionTable.bodyRows()) {
            set(m, row.written().name(), row.written(), row.value());
        }
        m.setBytes("slice", new byte[] {9, 8, 7, 6}, 1, 2);
        m.setObject("object", 123);
        m.setString("nothing", null);

        MapMessage received = roundTrip(m, MapMessage.class);
        for (Row row : ConversionTable.bodyRows()) {
            String name = row.written().name();
            ConversionTable.assertValue(row.value(), get(received, name, row.written()), name);
            ConversionTable.assertValue(row.value(), received.getObject(name), "getObject(" + name + ")");
        }
        assertArrayEquals(new byte[] {8, 7}, received.getBytes("slice"));
        assertEquals(123, received.getObject("object"));
        assertNull(received.getString("nothing"));
        assertNull(received.getObject("nothing"));
    }

    @Test
    @DisplayName("getMapNames lists every name, itemExists tells set names from unset ones")
    void mapNamesAndItemExists() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setInt("a", 1);
        m.setString("b", "two");
        m.setBytes("c", new byte[0]);
        m.setObject("d", null);

        MapMessage received = roundTrip(m, MapMessage.class);
        assertEquals(Set.of("a", "b", "c", "d"), names(received));
        assertTrue(received.itemExists("a"));
        assertTrue(received.itemExists("d"), "an entry set to null exists");
        assertFalse(received.itemExists("e"));
        assertArrayEquals(new byte[0], received.getBytes("c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wrenmq.tck.ConversionTable#bodyRows")
    @DisplayName("conversion table (spec 3.11.3): a value reads as the allowed types only")
    void conversionTable(Row row) throws Exception {
        MapMessage m = session.createMapMessage();
        set(m, "value", row.written(), row.value());
        MapMessage received = roundTrip(m, MapMessage.class);
        ConversionTable.assertReads(row, ConversionTable.BODY_TYPES, t -> get(received, "value", t));
    }

    @Test
    @DisplayName("a String that is no number: NumberFormatException as valueOf gives; boolean by Boolean.valueOf")
    void stringConvertsByValueOf() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setString("word", "abc");
        m.setString("yes", "TRUE");
        MapMessage received = roundTrip(m, MapMessage.class);
        ConversionTable.assertUnparsableStringConversions(t -> get(received, "word", t));
        assertTrue(received.getBoolean("yes"));
        assertEquals("abc", received.getString("word"), "a failed conversion leaves the value as it was");
    }

    @Test
    @DisplayName("a null or missing value reads as valueOf(null) would: null, false, NumberFormatException, NPE")
    void nullAndMissingValuesConvertAsValueOfNull() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setString("null", null);
        MapMessage received = roundTrip(m, MapMessage.class);
        for (String name : List.of("null", "missing")) {
            ConversionTable.assertNullConversions(ConversionTable.BODY_TYPES, t -> get(received, name, t));
            assertNull(received.getObject(name), name);
        }
    }

    @Test
    @DisplayName("a received body is read-only until clearBody, which empties it and makes it writable")
    void receivedBodyIsReadOnlyUntilClearBody() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setInt("kept", 1);
        MapMessage received = roundTrip(m, MapMessage.class);

        assertThrows(MessageNotWriteableException.class, () -> received.setInt("kept", 2));
        assertThrows(MessageNotWriteableException.class, () -> received.setString("new", "x"));
        assertThrows(MessageNotWriteableException.class, () -> received.setObject("new", 1L));
        assertThrows(MessageNotWriteableException.class, () -> received.setBytes("new", new byte[1]));
        assertEquals(1, received.getInt("kept"), "a refused write changes nothing");

        received.clearBody();
        assertEquals(Set.of(), names(received));
        assertFalse(received.itemExists("kept"));
        received.setInt("again", 3);
        assertEquals(3, received.getInt("again"));
    }

    @Test
    @DisplayName("setObject refuses a type outside the table with MessageFormatException")
    void setObjectRefusesUnsupportedTypes() throws Exception {
        MapMessage m = session.createMapMessage();
        assertThrows(MessageFormatException.class, () -> m.setObject("list", List.of(1)));
        assertThrows(MessageFormatException.class, () -> m.setObject("object", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObject("serializable", new Serializable() { }));
        assertFalse(m.itemExists("list"));
    }

    @Test
    @DisplayName("a null or empty name is refused with IllegalArgumentException")
    void nullOrEmptyNameIsRefused() throws Exception {
        MapMessage m = session.createMapMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setString("", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setObject("", 1));
    }

    @Test
    @DisplayName("getBody gives a Map of the values; an empty map is no body and gives null (Message.getBody)")
    void getBodyGivesTheMap() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setInt("n", 5);
        m.setString("s", "five");
        MapMessage received = roundTrip(m, MapMessage.class);
        assertEquals(Map.of("n", 5, "s", "five"), received.getBody(Map.class));
        assertInstanceOf(Map.class, received.getBody(Object.class));
        assertTrue(received.isBodyAssignableTo(Map.class));
        assertTrue(received.isBodyAssignableTo(Object.class));
        assertFalse(received.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> received.getBody(String.class));

        MapMessage empty = roundTrip(session.createMapMessage(), MapMessage.class);
        assertNull(empty.getBody(String.class));
        assertTrue(empty.isBodyAssignableTo(String.class));
    }
}
