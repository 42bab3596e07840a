package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;

import java.util.Map;

/** What a reference's class name (a container resource's {@code type}) asks {@link WrenObjectFactory} to build. */
enum BindableType {
    CONNECTION_FACTORY,
    QUEUE,
    TOPIC,
    /** A JMS or Wren type that cannot be built from a reference, such as {@code jakarta.jms.XAConnectionFactory}. */
    UNSUPPORTED,
    /** Not a messaging type at all: some other factory's business. */
    FOREIGN;

    private static final Map<String, BindableType> BY_CLASS_NAME = Map.of(
            WrenConnectionFactory.class.getName(), CONNECTION_FACTORY,
            ConnectionFactory.class.getName(), CONNECTION_FACTORY,
            QueueConnectionFactory.class.getName(), CONNECTION_FACTORY,
            TopicConnectionFactory.class.getName(), CONNECTION_FACTORY,
            WrenQueue.class.getName(), QUEUE,
            Queue.class.getName(), QUEUE,
            WrenTopic.class.getName(), TOPIC,
            Topic.class.getName(), TOPIC);

    static BindableType of(String className) {
        if (className == null) {
            return FOREIGN;
        }
        // A context.xml written for a javax.jms provider names the same interfaces in their old package.
        String name = className.startsWith("javax.jms.") ? "jakarta" + className.substring("javax".length()) : className;
        BindableType t = BY_CLASS_NAME.get(name);
        if (t != null) {
            return t;
        }
        boolean messaging = name.startsWith("jakarta.jms.") || name.startsWith("io.wrenmq.");
        return messaging ? UNSUPPORTED : FOREIGN;
    }

    /** The class names that can be built, for error messages. */
    static String supported() {
        return String.join(", ", new java.util.TreeSet<>(BY_CLASS_NAME.keySet()));
    }
}
