package io.wrenmq.jms;

import io.wrenmq.protocol.DestinationKind;
import jakarta.jms.Queue;

/**
 * A queue, named as on the broker. Queues are created on the broker the first time they are used.
 */
public class WrenQueue extends WrenDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public WrenQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }
}
