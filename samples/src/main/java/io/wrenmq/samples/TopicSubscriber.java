package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to a topic with a MessageListener and prints what is published while it runs. Start one or more,
 * then the publisher.
 *
 * <pre>java -cp wren-samples.jar io.wrenmq.samples.TopicSubscriber [--url tcp://localhost:61700] [--topic news]
 *     [--count 10] [--seconds 60]</pre>
 */
public final class TopicSubscriber {

    private TopicSubscriber() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String topicName = opts.get("topic", "news");
        int count = opts.getInt("count", 10);
        int seconds = opts.getInt("seconds", 60);
        CountDownLatch done = new CountDownLatch(count);
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createConsumer(session.createTopic(topicName));
            subscriber.setMessageListener(message -> {
                try {
                    String body = message instanceof TextMessage t ? t.getText() : message.toString();
                    System.out.println("Received from topic " + topicName + ": " + body);
                } catch (Exception e) {
                    System.out.println("Could not read a message: " + e);
                }
                done.countDown();
            });
            connection.start();
            System.out.println("Subscribed to topic " + topicName + "; waiting for " + count + " messages (at most "
                    + seconds + " s)");
            boolean all = done.await(seconds, TimeUnit.SECONDS);
            System.out.println("Done: " + (count - done.getCount()) + " messages received from topic " + topicName
                    + (all ? "" : " before the time ran out"));
        }
    }
}
