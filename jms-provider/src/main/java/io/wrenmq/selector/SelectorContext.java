package io.wrenmq.selector;

/**
 * What a selector sees of one message: its header fields and its properties. Implementations adapt whatever holds
 * the message (the broker's {@link MessageHeadersContext}) without copying it.
 *
 * <p>Values are those of Jakarta Messaging properties: {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer},
 * {@link Long}, {@link Float}, {@link Double} or {@link String}, or {@code null} when absent. A value of any other
 * class is a value of no selector type: every comparison with it is false, and it is never NULL.
 */
public interface SelectorContext {

    /**
     * The value of a header field: {@link HeaderField#DELIVERY_MODE} as the string {@code "PERSISTENT"} or
     * {@code "NON_PERSISTENT"}, {@link HeaderField#PRIORITY} as an {@link Integer}, {@link HeaderField#TIMESTAMP}
     * as a {@link Long}, the others as strings or {@code null} when the message has none.
     */
    Object header(HeaderField field);

    /** The value of the property {@code name}, or {@code null} if the message has no such property. */
    Object property(String name);
}
