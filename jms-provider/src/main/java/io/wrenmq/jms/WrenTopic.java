package io.wrenmq.jms;

import io.wrenmq.protocol.DestinationKind;
import jakarta.jms.Topic;

/**
 * A topic, named as on the broker. Topics are created on the broker the first time they are used.
 */
public class WrenTopic extends WrenDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public WrenTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }
}
