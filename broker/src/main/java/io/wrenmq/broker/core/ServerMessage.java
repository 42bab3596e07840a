package io.wrenmq.broker.core;

import io.wrenmq.persistence.StoredMessage;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.WireDestination;

/**
 * A message as the broker holds it: the producer's bytes, never decoded, plus the header fields routing and
 * dispatch need. Immutable; one instance is shared by every queue entry that refers to it (a topic's
 * subscriptions hold the same bytes).
 */
public final class ServerMessage {
    private final byte[] encoded;
    private final MessageHeaders headers;
    private final WireDestination destination;
    private final String producerConnectionId;
    private final String producerClientId;

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
