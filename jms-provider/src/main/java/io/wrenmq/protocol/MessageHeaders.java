package io.wrenmq.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's read-only view of an encoded message ({@link MessageLayout}): the fixed header fields at their
 * offsets, the rest decoded only when asked for. The body is never decoded.
 *
 * <p>{@link #parse} checks the whole structure once, so a malformed message is refused where it enters the broker.
 * Not thread-safe (the lazily decoded fields): a message is read by one destination thread at a time.
 */
public final class MessageHeaders {
    private final byte[] b;
    private final int variableStart;
    private final int propertiesStart;
    private String messageId;
    private Object correlationId;
    private WireDestination destination;
    private WireDestination replyTo;
    private String type;
    private boolean variableDecoded;
    private Map<String, Object> properties;

    private MessageHeaders(byte[] b, int propertiesStart) {
        this.b = b;
        this.variableStart = MessageLayout.FIXED_HEADER_SIZE;
        this.propertiesStart = propertiesStart;
    }

    /**
     * Checks {@code encoded} against the layout and returns its view.
     *
     * @throws MalformedMessageException saying what is wrong
     */
    public static MessageHeaders parse(byte[] encoded) {
        ByteReader r = new ByteReader(encoded);
        int version = r.u8();
        if (version != MessageLayout.VERSION) {
            throw new MalformedMessageException("message layout version " + version + " is not "
                    + MessageLayout.VERSION);
        }
        int bodyType = r.u8();
        if (bodyType > MessageLayout.BODY_OBJECT) {
            throw new MalformedMessageException("unknown body type " + bodyType);
        }
        int flags = r.u8();
        if ((flags & ~(MessageLayout.FLAG_PERSISTENT | MessageLayout.FLAG_DELAYED)) != 0) {
            throw new MalformedMessageException("unknown flags " + flags);
        }
        int priority = r.u8();
        if (priority > 9) {
            throw new MalformedMessageException("priority " + priority + " is not 0..9");
        }
        r.skip(24);
        r.skipStr();
        skipCorrelationId(r);
        readDestination(r);
        readDestination(r);
        r.skipStr();
        int propertiesStart = r.position();
        int propertiesLength = r.length(false);
        int propertiesEnd = r.position() + propertiesLength;
        ByteReader props = new ByteReader(encoded, r.position(), propertiesEnd);
        int count = props.i32();
        if (count < 0 || count > propertiesLength) {
            throw new MalformedMessageException("property count " + count + " does not fit");
        }
        for (int i = 0; i < count; i++) {
            String name = props.str();
            if (name == null || name.isEmpty()) {
                throw new MalformedMessageException("property " + i + " has no name");
            }
            props.skipValue(MessageLayout.TAG_STRING);
        }
        if (props.remaining() != 0) {
            throw new MalformedMessageException(props.remaining() + " stray bytes after the properties");
        }
        r.position(propertiesEnd);
        int bodyLength = r.length(true);
        if (bodyLength == -1 && bodyType != MessageLayout.BODY_TEXT && bodyType != MessageLayout.BODY_OBJECT) {
            throw new MalformedMessageException("a null body is only allowed for Text and Object messages");
        }
        if (bodyLength > 0 && bodyType == MessageLayout.BODY_MESSAGE) {
            // The consumer would refuse it: nothing reads such a body, so it would be bytes left over.
            throw new MalformedMessageException("a Message has no body, but " + bodyLength + " bytes follow");
        }
        if (bodyLength > 0) {
            r.skip(bodyLength);
        }
        if (r.remaining() != 0) {
            throw new MalformedMessageException(r.remaining() + " trailing bytes after the body");
        }
        return new MessageHeaders(encoded, propertiesStart);
    }

    static void skipCorrelationId(ByteReader r) {
        int tag = r.u8();
        switch (tag) {
            case MessageLayout.CORRELATION_NONE -> {
            }
            case MessageLayout.CORRELATION_STRING -> r.skipStr();
            case MessageLayout.CORRELATION_BYTES -> r.skip(r.length(false));
            default -> throw new MalformedMessageException("unknown correlation id tag " + tag);
        }
    }

    /** Reads a destination field: null for kind 0. */
    public static WireDestination readDestination(ByteReader r) {
        int code = r.u8();
        if (code == 0) {
            return null;
        }
        DestinationKind kind = DestinationKind.ofCode(code);
        if (kind == null) {
            throw new MalformedMessageException("unknown destination kind " + code);
        }
        String name = r.str();
        if (name == null || name.isEmpty()) {
            throw new MalformedMessageException("a destination without a name");
        }
        return new WireDestination(kind, name);
    }

    /**
     * The {@code JMSExpiration} of an encoded message, read where it lies without parsing the rest; 0 (never) for
     * bytes too short to be a message.
     */
    public static long expirationOf(byte[] encoded) {
        if (encoded.length < MessageLayout.FIXED_HEADER_SIZE) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (encoded[MessageLayout.OFFSET_EXPIRATION + i] & 0xff);
        }
        return v;
    }

    public int bodyType() {
        return b[MessageLayout.OFFSET_BODY_TYPE];
    }

    public boolean persistent() {
        return (b[MessageLayout.OFFSET_FLAGS] & MessageLayout.FLAG_PERSISTENT) != 0;
    }

    /** Whether the producer set a delivery delay, so that {@link #deliveryTime()} holds it back. */
    public boolean delayed() {
        return (b[MessageLayout.OFFSET_FLAGS] & MessageLayout.FLAG_DELAYED) != 0;
    }

    public int priority() {
        return b[MessageLayout.OFFSET_PRIORITY];
    }

    public long timestamp() {
        return longAt(MessageLayout.OFFSET_TIMESTAMP);
    }

    public long expiration() {
        return longAt(MessageLayout.OFFSET_EXPIRATION);
    }

    public long deliveryTime() {
        return longAt(MessageLayout.OFFSET_DELIVERY_TIME);
    }

    private long longAt(int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    public String messageId() {
        decodeVariable();
        return messageId;
    }

    /** The correlation id if it was set as a string; null if unset or set as bytes. */
    public String correlationId() {
        decodeVariable();
        return correlationId instanceof String s ? s : null;
    }

    public WireDestination destination() {
        decodeVariable();
        return destination;
    }

    public WireDestination replyTo() {
        decodeVariable();
        return replyTo;
    }

    public String type() {
        decodeVariable();
        return type;
    }

    private void decodeVariable() {
        if (variableDecoded) {
            return;
        }
        ByteReader r = new ByteReader(b);
        r.position(variableStart);
        messageId = r.str();
        int tag = r.u8();
        if (tag == MessageLayout.CORRELATION_STRING) {
            correlationId = r.str();
        } else if (tag == MessageLayout.CORRELATION_BYTES) {
            correlationId = r.bytes();
        }
        destination = readDestination(r);
        replyTo = readDestination(r);
        type = r.str();
        variableDecoded = true;
    }

    /** The message's properties by name, in the order they were set. Unmodifiable. */
    public Map<String, Object> properties() {
        if (properties == null) {
            ByteReader r = new ByteReader(b);
            r.position(propertiesStart);
            int length = r.length(false);
            ByteReader p = new ByteReader(b, r.position(), r.position() + length);
            int count = p.i32();
            Map<String, Object> m = new LinkedHashMap<>(Math.max(4, count * 2));
            for (int i = 0; i < count; i++) {
                String name = p.str();
                m.put(name, p.value(MessageLayout.TAG_STRING));
            }
            properties = Collections.unmodifiableMap(m);
        }
        return properties;
    }

    /** One property's value, or null if it is not set. */
    public Object property(String name) {
        return properties().get(name);
    }

    public int encodedSize() {
        return b.length;
    }
}
