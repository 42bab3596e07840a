package io.wrenmq.broker.core;

import io.wrenmq.persistence.Position;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.ErrorCode;

import java.util.List;

/**
 * How the core talks back to one client, whatever the transport. Every method may be called from any thread, must
 * not block, and keeps the order of calls made from one thread.
 */
public interface ClientChannel {

    /** Pushes a message to a consumer. */
    void deliver(int consumerId, long deliveryId, int deliveryCount, ServerMessage message);

    /** A pull timed out with nothing to deliver. */
    void pullEmpty(int consumerId, long pullId);

    /** The request succeeded. */
    void receipt(long requestId);

    /** The request failed. */
    void error(long requestId, ErrorCode code, String message);

    /** A recovery is done; deliveries below each mark were taken back. */
    void recovered(long requestId, List<ConsumerMark> restartFrom);

    /**
     * A page of a queue browse: the messages with the delivery count each would have next, and the last position
     * looked at, where the next page starts.
     */
    void browsed(long requestId, List<ServerMessage> messages, List<Integer> deliveryCounts, Position last,
                 boolean more);

    /** The client may have {@code bytes} more of sends without receipt in flight. */
    void sendCredit(int bytes);

    /** The broker ends the connection, telling the client why. */
    void close(String reason);

    /** Closes the connection once what was sent before is written. */
    void disconnect();

    /**
     * Whether deliveries may go out now: false while the client does not read what was sent, so that messages wait
     * in their destination (or its store), not in a buffer for this connection. When it turns true again the
     * transport calls {@link ServerConnection#resumeDeliveries()}.
     */
    default boolean acceptsDeliveries() {
        return true;
    }

    /** Where the client connects from, for log lines. */
    String remoteAddress();
}
