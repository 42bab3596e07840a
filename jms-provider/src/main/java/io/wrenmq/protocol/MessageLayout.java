package io.wrenmq.protocol;

/**
 * The binary layout of an encoded message, layout version 1. The producer's client writes it once; the broker reads
 * the header through {@link MessageHeaders} and forwards the bytes unchanged; the consumer's client decodes it.
 *
 * <pre>
 * offset  field
 *   0     u8   layout version (1)
 *   1     u8   body type: 0 Message, 1 Text, 2 Bytes, 3 Map, 4 Stream, 5 Object
 *   2     u8   flags: bit 0 set = PERSISTENT, bit 1 set = delivery delayed (held until JMSDeliveryTime)
 *   3     u8   JMSPriority, 0..9
 *   4     i64  JMSTimestamp (0 when disabled)
 *  12     i64  JMSExpiration (0 = never)
 *  20     i64  JMSDeliveryTime
 *  28     str? JMSMessageID
 *         u8   correlation id tag (0 none, 1 string, 2 bytes), then str or bytes
 *         dest JMSDestination: u8 kind (0 none, else DestinationKind code), then str name unless 0
 *         dest JMSReplyTo, likewise
 *         str? JMSType
 *         i32  properties length, then: i32 count, count x (str name | u8 tag | value)
 *         i32  body length (-1: null Text or Object body), then the body
 * </pre>
 * {@code str} is an i32 byte count (-1 for null) and UTF-8 bytes; {@code bytes} an i32 count and the bytes. All
 * integers big-endian.
 *
 * <p>Value tags: 0 null, 1 boolean (u8 0/1), 2 byte, 3 short, 4 int, 5 long, 6 float, 7 double, 8 string (str),
 * 9 char (u16), 10 byte[] (bytes). Properties use 0 to 8. Bodies:
 * <ul>
 *   <li>Message: none, body length 0;</li>
 *   <li>Text: the UTF-8 bytes of the text;</li>
 *   <li>Bytes: the bytes as written;</li>
 *   <li>Map: i32 count, count x (str name | u8 tag | value);</li>
 *   <li>Stream: i32 count, count x (u8 tag | value);</li>
 *   <li>Object: the Java serialization of the object.</li>
 * </ul>
 */
public final class MessageLayout {
    public static final int VERSION = 1;

    public static final int BODY_MESSAGE = 0;
    public static final int BODY_TEXT = 1;
    public static final int BODY_BYTES = 2;
    public static final int BODY_MAP = 3;
    public static final int BODY_STREAM = 4;
    public static final int BODY_OBJECT = 5;

    public static final int FLAG_PERSISTENT = 1;
    /** Sent with a delivery delay: the broker holds it until its {@code JMSDeliveryTime}. */
    public static final int FLAG_DELAYED = 2;

    public static final int OFFSET_VERSION = 0;
    public static final int OFFSET_BODY_TYPE = 1;
    public static final int OFFSET_FLAGS = 2;
    public static final int OFFSET_PRIORITY = 3;
    public static final int OFFSET_TIMESTAMP = 4;
    public static final int OFFSET_EXPIRATION = 12;
    public static final int OFFSET_DELIVERY_TIME = 20;
    public static final int FIXED_HEADER_SIZE = 28;

    public static final int CORRELATION_NONE = 0;
    public static final int CORRELATION_STRING = 1;
    public static final int CORRELATION_BYTES = 2;

    public static final int TAG_NULL = 0;
    public static final int TAG_BOOLEAN = 1;
    public static final int TAG_BYTE = 2;
    public static final int TAG_SHORT = 3;
    public static final int TAG_INT = 4;
    public static final int TAG_LONG = 5;
    public static final int TAG_FLOAT = 6;
    public static final int TAG_DOUBLE = 7;
    public static final int TAG_STRING = 8;
    public static final int TAG_CHAR = 9;
    public static final int TAG_BYTES = 10;

    private MessageLayout() {
    }
}
