package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/**
 * A durable subscription keeps the messages published while its subscriber is away. A durable subscription is
 * named by the connection's client id plus a subscription name; coming back with the same two resumes it.
 *
 * <p>{@code --mode demo} (the default) shows the whole story in one run: subscribe, go offline, publish while
 * offline, come back and print what was missed, then remove the subscription. The halves run separately:
 * <pre>
 * java -jar wren-samples.jar durable-subscriber --mode subscribe      # subscribe (or resume), print, go offline
 * java -jar wren-samples.jar topic-publisher --persistent --interval-ms 0 --count 5
 * java -jar wren-samples.jar durable-subscriber --mode subscribe      # prints the 5 it missed
 * java -jar wren-samples.jar durable-subscriber --mode unsubscribe    # the broker forgets the subscription
 * </pre>
 * Options: {@code [--url tcp://localhost:61700] [--topic news] [--client-id wren-sample-client]
 * [--subscription news-reader] [--count 5] [--idle-seconds 3] [--keep]} ({@code --keep}: the demo leaves its
 * subscription in place).
 */
public final class DurableSubscriber {

    private DurableSubscriber() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String mode = opts.get("mode", "demo");
        switch (mode) {
            case "demo" -> demo(opts);
            case "subscribe" -> receiveUntilIdle(opts, "Subscribed");
            case "unsubscribe" -> unsubscribe(opts);
            default -> throw new IllegalArgumentException("--mode must be demo, subscribe or unsubscribe, not '"
                    + mode + "'");
        }
    }

    private static void demo(SampleSupport opts) throws Exception {
        String topicName = opts.get("topic", "news");
        int count = opts.getInt("count", 5);
        System.out.println("1. The subscriber subscribes durably, then goes offline");
        receiveUntilIdle(opts, "Subscribed");

        System.out.println("2. While it is offline, " + count + " messages are published to topic " + topicName);
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer publisher = session.createProducer(session.createTopic(topicName));
            // Persistent, so that what waits for the subscriber would also survive a broker restart.
            publisher.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 1; i <= count; i++) {
                String text = "missed item " + i + " of " + count;
                publisher.send(session.createTextMessage(text));
                System.out.println("   Published: " + text);
            }
        }

        System.out.println("3. The subscriber comes back and catches up");
        int caughtUp = receiveUntilIdle(opts, "Back");

        if (opts.getBoolean("keep", false)) {
            System.out.println("4. The subscription is kept (--keep); remove it with --mode unsubscribe");
        } else {
            System.out.println("4. The subscriber unsubscribes: the broker stops keeping messages for it");
            unsubscribe(opts);
        }
        System.out.println("Done: the subscriber caught up with " + caughtUp + " messages published while it was"
                + " offline");
    }

    /**
     * Subscribes durably (or resumes the subscription), prints what is waiting and what arrives until nothing has
     * come for {@code --idle-seconds}, then closes the connection: the subscription stays and keeps collecting.
     */
    private static int receiveUntilIdle(SampleSupport opts, String verb) throws Exception {
        String topicName = opts.get("topic", "news");
        String clientId = opts.get("client-id", "wren-sample-client");
        String name = opts.get("subscription", "news-reader");
        long idleMillis = opts.getInt("idle-seconds", 3) * 1000L;
        try (Connection connection = opts.connect(clientId)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(topicName);
            MessageConsumer subscriber = session.createDurableConsumer(topic, name);
            connection.start();
            System.out.println("   " + verb + " to topic " + topicName + " as client id '" + clientId
                    + "', subscription '" + name + "'");
            int received = 0;
            Message message;
            while ((message = subscriber.receive(idleMillis)) != null) {
                received++;
                System.out.println("   Received: " + SampleSupport.describe(message));
            }
            System.out.println("   " + received + " received; going offline (the subscription stays)");
            return received;
        }
    }

    private static void unsubscribe(SampleSupport opts) throws Exception {
        String clientId = opts.get("client-id", "wren-sample-client");
        String name = opts.get("subscription", "news-reader");
        try (Connection connection = opts.connect(clientId)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.unsubscribe(name);
            System.out.println("   Removed the durable subscription '" + name + "' of client id '" + clientId + "'");
        }
    }
}
