package io.wrenmq.broker.core;

import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.WireDestination;
import io.wrenmq.selector.MessageHeadersContext;
import io.wrenmq.selector.Selector;

/**
 * A message as the broker holds it: the producer's bytes, never decoded, plus the header fields routing and
 * dispatch need. Immutable but for a cached view for selectors; one instance is shared by every queue entry that
 * refers to it (a topic's subscriptions hold the same bytes), all on the one event loop of their destination.
 */
public final class ServerMessage {
    private final byte[] encoded;
    private final MessageHeaders headers;
    private final WireDestination destination;
    private final String producerConnectionId;
    private final String producerClientId;
    /** Made on first use; a message is matched by one destination's thread at a time. */
    private MessageHeadersContext selectorView;

    /**
     * @param producerConnectionId which connection sent it, for non-durable {@code noLocal} subscriptions; null for
     *        a message read back from the store
     * @param producerClientId the client id of that connection (null if it has none), for durable {@code noLocal}
     *        subscriptions
     */
    public ServerMessage(byte[] encoded, MessageHeaders headers, WireDestination destination,
                         String producerConnectionId, String producerClientId) {
        this.encoded = encoded;
        this.headers = headers;
        this.destination = destination;
        this.producerConnectionId = producerConnectionId;
        this.producerClientId = producerClientId;
    }

    /**
     * A message read back from the store.
     *
     * @throws io.wrenmq.protocol.MalformedMessageException if the stored bytes are not a message
     */
    static ServerMessage restored(StoredMessage stored, WireDestination destination) {
        return new ServerMessage(stored.body(), MessageHeaders.parse(stored.body()), destination, null, null);
    }

    /** The form the store keeps, under the broker's id for it. */
    StoredMessage toStored(long id) {
        return new StoredMessage(id, priority(), headers.expiration(), headers.deliveryTime(), encoded);
    }

    /** The bytes to forward to consumers. Callers must not change them. */
    public byte[] encoded() {
        return encoded;
    }

    /** Read-only view of the header fields and properties; for selectors. */
    public MessageHeaders headers() {
        return headers;
    }

    /** Whether {@code selector} selects this message; evaluated on the view, the body never decoded. */
    boolean matches(Selector selector) {
        if (selector == null || selector.selectsAll()) {
            return true;
        }
        if (selectorView == null) {
            selectorView = new MessageHeadersContext(headers);
        }
        return selector.matches(selectorView);
    }

    public WireDestination destination() {
        return destination;
    }

    public String producerConnectionId() {
        return producerConnectionId;
    }

    public String producerClientId() {
        return producerClientId;
    }

    public int priority() {
        return headers.priority();
    }

    public boolean persistent() {
        return headers.persistent();
    }

    /** True when the message's expiration time has passed at {@code now} (millis since the epoch). */
    public boolean isExpired(long now) {
        long expiration = headers.expiration();
        return expiration != 0 && expiration <= now;
    }

    /** Whether it has an expiration time. */
    boolean expires() {
        return headers.expiration() != 0;
    }

    /** Whether it was sent with a delivery delay that has not passed at {@code now} (millis since the epoch). */
    boolean heldUntilLater(long now) {
        return headers.delayed() && headers.deliveryTime() > now;
    }

    /** When a message sent with a delivery delay may be delivered. */
    long deliveryTime() {
        return headers.deliveryTime();
    }

    /** Bytes this message counts against a destination's memory limit. */
    public int memorySize() {
        return memorySize(encoded.length);
    }

    /** Bytes a message of {@code encodedBytes} counts against a destination's memory limit. */
    static int memorySize(int encodedBytes) {
        // The array plus a rough allowance for this object, the headers view and a queue entry.
        return encodedBytes + 128;
    }
}
