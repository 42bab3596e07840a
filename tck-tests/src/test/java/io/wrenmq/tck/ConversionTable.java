package io.wrenmq.tck;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.wrenmq.tck.ConversionTable.Type.BOOLEAN;
import static io.wrenmq.tck.ConversionTable.Type.BYTE;
import static io.wrenmq.tck.ConversionTable.Type.BYTES;
import static io.wrenmq.tck.ConversionTable.Type.CHAR;
import static io.wrenmq.tck.ConversionTable.Type.DOUBLE;
import static io.wrenmq.tck.ConversionTable.Type.FLOAT;
import static io.wrenmq.tck.ConversionTable.Type.INT;
import static io.wrenmq.tck.ConversionTable.Type.LONG;
import static io.wrenmq.tck.ConversionTable.Type.SHORT;
import static io.wrenmq.tck.ConversionTable.Type.STRING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The value conversion tables of the specification, row by row: section 3.11.3 (and the MapMessage and StreamMessage
 * javadoc) for the values of Map and Stream bodies, section 3.5.4 for property values, which is the same table without
 * char and byte[]. A value written as a row's type reads back as each type the row lists, giving the value listed;
 * read as any other type it must throw {@code MessageFormatException}.
 *
 * <p>Each row's value is chosen so that a wrong conversion shows: 300 does not fit a byte, 70,000 not a short.
 * The String row converts by the target type's {@code valueOf}, so "42" reads as boolean false.
 */
final class ConversionTable {

    /** The types a value is written and read as; the method names differ per message kind, not the table. */
    enum Type { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    /** A value written as {@code written}, and what it reads back as for each type allowed to read it. */
    record Row(Type written, Object value, Map<Type, Object> reads) {
        Set<Type> refused(Set<Type> readable) {
            Set<Type> refused = EnumSet.copyOf(readable);
            refused.removeAll(reads.keySet());
            return refused;
        }

        @Override
        public String toString() {
            String shown = value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value);
            return written.name().toLowerCase(Locale.ROOT) + " " + shown;
        }
    }

    /** Reads the value under test as a type, by whichever method the message kind has for that type. */
    @FunctionalInterface
    interface Reader {
        Object read(Type as) throws JMSException;
    }

    /** Every type a Map or Stream body value can be read as. */
    static final Set<Type> BODY_TYPES = EnumSet.allOf(Type.class);

    /** Every type a property can be set and read as. */
    static final Set<Type> PROPERTY_TYPES = EnumSet.complementOf(EnumSet.of(CHAR, BYTES));

    private static final List<Row> BODY_ROWS = List.of(
            new Row(BOOLEAN, true, Map.of(BOOLEAN, true, STRING, "true")),
            new Row(BYTE, (byte) 7, Map.of(BYTE, (byte) 7, SHORT, (short) 7, INT, 7, LONG, 7L, STRING, "7")),
            new Row(SHORT, (short) 300, Map.of(SHORT, (short) 300, INT, 300, LONG, 300L, STRING, "300")),
            new Row(CHAR, 'x', Map.of(CHAR, 'x', STRING, "x")),
            new Row(INT, 70_000, Map.of(INT, 70_000, LONG, 70_000L, STRING, "70000")),
            new Row(LONG, 5_000_000_000L, Map.of(LONG, 5_000_000_000L, STRING, "5000000000")),
            new Row(FLOAT, 1.5f, Map.of(FLOAT, 1.5f, DOUBLE, 1.5d, STRING, "1.5")),
            new Row(DOUBLE, 2.25d, Map.of(DOUBLE, 2.25d, STRING, "2.25")),
            new Row(STRING, "42", Map.of(BOOLEAN, false, BYTE, (byte) 42, SHORT, (short) 42, INT, 42, LONG, 42L,
                    FLOAT, 42f, DOUBLE, 42d, STRING, "42")),
            new Row(BYTES, new byte[] {1, 2, 3}, Map.of(BYTES, new byte[] {1, 2, 3})));

    private ConversionTable() {
    }

    /** Spec 3.11.3, for {@code @MethodSource}. */
    static List<Row> bodyRows() {
        return BODY_ROWS;
    }

    /** Spec 3.5.4, for {@code @MethodSource}: the body table restricted to the property types. */
    static List<Row> propertyRows() {
        return BODY_ROWS.stream()
                .filter(row -> PROPERTY_TYPES.contains(row.written()))
                .map(row -> {
                    Map<Type, Object> reads = new EnumMap<>(row.reads());
                    reads.keySet().retainAll(PROPERTY_TYPES);
                    return new Row(row.written(), row.value(), reads);
                })
                .toList();
    }

    /** Reads the row's value as each of the {@code readable} types, by {@link #assertRead}. */
    static void assertReads(Row row, Set<Type> readable, Reader reader) throws JMSException {
        for (Type as : readable) {
            assertRead(row, as, reader);
        }
    }

    /** Reads the row's value as {@code as}: the converted value if the table allows it, else MessageFormatException. */
    static void assertRead(Row row, Type as, Reader reader) throws JMSException {
        String what = row + " read as " + as.name().toLowerCase(Locale.ROOT);
        if (row.reads().containsKey(as)) {
            assertValue(row.reads().get(as), reader.read(as), what);
        } else {
            assertThrows(MessageFormatException.class, () -> reader.read(as), what + " must be refused");
        }
    }

    /**
     * A String that is no number converts as the target type's {@code valueOf} does: NumberFormatException for each
     * numeric type, false as a boolean. The failing reads come first and boolean last, so that on a StreamMessage
     * only the last read moves past the value.
     */
    static void assertUnparsableStringConversions(Reader reader) throws JMSException {
        for (Type numeric : List.of(BYTE, SHORT, INT, LONG, FLOAT, DOUBLE)) {
            assertThrows(NumberFormatException.class, () -> reader.read(numeric), "\"abc\" read as " + numeric);
        }
        assertEquals(false, reader.read(BOOLEAN), "\"abc\" read as boolean");
    }

    /**
     * A null value converts as {@code valueOf(null)} would: null as String (and byte[]), false as boolean,
     * NumberFormatException for the integral types, NullPointerException for float and double, whose
     * {@code valueOf} throws that, and for char, which has no String conversion (StreamMessage javadoc).
     */
    static void assertNullConversions(Set<Type> readable, Reader reader) throws JMSException {
        assertNull(reader.read(STRING), "null read as String");
        assertEquals(false, reader.read(BOOLEAN), "null read as boolean");
        for (Type integral : List.of(BYTE, SHORT, INT, LONG)) {
            assertThrows(NumberFormatException.class, () -> reader.read(integral), "null read as " + integral);
        }
        assertThrows(NullPointerException.class, () -> reader.read(FLOAT), "null read as float");
        assertThrows(NullPointerException.class, () -> reader.read(DOUBLE), "null read as double");
        if (readable.contains(CHAR)) {
            assertThrows(NullPointerException.class, () -> reader.read(CHAR), "null read as char");
        }
        if (readable.contains(BYTES)) {
            assertNull(reader.read(BYTES), "null read as byte[]");
        }
    }

    /** Equal values of the same boxed type; byte arrays by content. */
    static void assertValue(Object expected, Object actual, String what) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, assertInstanceOf(byte[].class, actual, what), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }
}
