package io.wrenmq.jms.client;

import jakarta.jms.IllegalStateException;

/**
 * The API a session was created through. One class implements {@code Session}, {@code QueueSession} and
 * {@code TopicSession}, but a session made as a {@code QueueSession} or {@code TopicSession} may not use the
 * methods it inherits for the other domain: the specification's Table 9-1 (section 9.2, "Method inheritance across
 * messaging domains") says they must throw {@code IllegalStateException}.
 */
enum SessionDomain {
    /** {@code Connection.createSession}, and JMSContext: both domains. */
    UNIFIED,
    /** {@code QueueConnection.createQueueSession}: queues only. */
    QUEUE,
    /** {@code TopicConnection.createTopicSession}: topics only. */
    TOPIC;

    /** @throws IllegalStateException if this is a QueueSession, to which {@code method} (for topics) is closed */
    void checkTopicMethod(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " is not for a QueueSession (Jakarta Messaging 3.1, Table 9-1)");
        }
    }

    /** @throws IllegalStateException if this is a TopicSession, to which {@code method} (for queues) is closed */
    void checkQueueMethod(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " is not for a TopicSession (Jakarta Messaging 3.1, Table 9-1)");
        }
    }
}
