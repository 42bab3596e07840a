package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * Publishes text messages to a topic, one a second by default: every subscriber running at the time gets each.
 *
 * <pre>java -cp wren-samples.jar io.wrenmq.samples.TopicPublisher [--url tcp://localhost:61700] [--topic news]
 *     [--count 10] [--interval-ms 1000] [--persistent]</pre>
 * {@code --persistent} sends PERSISTENT messages, which a durable subscription keeps across a broker restart.
 */
public final class TopicPublisher {

    private TopicPublisher() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String topicName = opts.get("topic", "news");
        int count = opts.getInt("count", 10);
        int interval = opts.getInt("interval-ms", 1000);
        boolean persistent = opts.getBoolean("persistent", false);
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(topicName);
            MessageProducer publisher = session.createProducer(topic);
            publisher.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            for (int i = 1; i <= count; i++) {
                TextMessage message = session.createTextMessage("news item " + i + " of " + count);
                publisher.send(message);
                System.out.println("Published to topic " + topicName + ": " + message.getText());
                if (i < count && interval > 0) {
                    Thread.sleep(interval);
                }
            }
            System.out.println("Done: " + count + " messages published to topic " + topicName);
        }
    }
}
