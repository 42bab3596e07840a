package io.wrenmq.selector;

import io.wrenmq.protocol.MessageHeaders;

/**
 * The broker's view of an encoded message as a selector sees it: header fields from the fixed header, properties
 * decoded once on first use by {@link MessageHeaders}; the body is never read. Like {@link MessageHeaders}, not
 * thread-safe: one message is evaluated by one destination thread at a time.
 *
 * <p>JMSDeliveryMode is {@code 'PERSISTENT'} or {@code 'NON_PERSISTENT'} (3.8.1.3). A correlation id set as bytes
 * has no string value, so JMSCorrelationID is NULL for it.
 */
public final class MessageHeadersContext implements SelectorContext {
    static final String PERSISTENT = "PERSISTENT";
    static final String NON_PERSISTENT = "NON_PERSISTENT";

    private final MessageHeaders headers;

    public MessageHeadersContext(MessageHeaders headers) {
        this.headers = headers;
    }

    @Override
    public Object header(HeaderField field) {
        return switch (field) {
            case DELIVERY_MODE -> headers.persistent() ? PERSISTENT : NON_PERSISTENT;
            case PRIORITY -> headers.priority();
            case MESSAGE_ID -> headers.messageId();
            case TIMESTAMP -> headers.timestamp();
            case CORRELATION_ID -> headers.correlationId();
            case TYPE -> headers.type();
        };
    }

    @Override
    public Object property(String name) {
        return headers.property(name);
    }
}
