package io.wrenmq.jms.message;

import jakarta.jms.JMSException;

/** What {@code Message.acknowledge()} does for a received message; set by the consumer's session. */
@FunctionalInterface
public interface MessageAcknowledger {
    void acknowledge() throws JMSException;
}
