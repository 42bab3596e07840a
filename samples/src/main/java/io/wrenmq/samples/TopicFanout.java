package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One publisher and several subscribers to the same topic in one run: every subscriber gets every message. Each
 * subscriber has a connection of its own, as separate applications would, and prints what it receives; a summary
 * at the end says how many each got.
 *
 * <pre>java -jar wren-samples.jar topic-fanout [--url tcp://localhost:61700] [--topic fanout] [--subscribers 3]
 *     [--count 5] [--interval-ms 200]</pre>
 */
public final class TopicFanout {

    private TopicFanout() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String topicName = opts.get("topic", "fanout");
        int subscribers = opts.getInt("subscribers", 3);
        int count = opts.getInt("count", 5);
        int interval = opts.getInt("interval-ms", 200);
        CountDownLatch allDelivered = new CountDownLatch(subscribers * count);
        List<Connection> connections = new ArrayList<>();
        List<AtomicInteger> received = new ArrayList<>();
        try {
            // Subscribers first: a topic keeps nothing for a subscriber that did not exist when a message came.
            for (int s = 1; s <= subscribers; s++) {
                Connection connection = opts.connect();
                connections.add(connection);
                AtomicInteger got = new AtomicInteger();
                received.add(got);
                subscribe(connection, topicName, "subscriber " + s, got, allDelivered);
            }
            System.out.println(subscribers + " subscribers listening on topic " + topicName);

            Connection publisherConnection = opts.connect();
            connections.add(publisherConnection);
            Session session = publisherConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer publisher = session.createProducer(session.createTopic(topicName));
            publisher.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 1; i <= count; i++) {
                publisher.send(session.createTextMessage("item " + i + " of " + count));
                System.out.println("Published to topic " + topicName + ": item " + i + " of " + count);
                if (i < count) {
                    Thread.sleep(interval);
                }
            }

            boolean all = allDelivered.await(30, TimeUnit.SECONDS);
            System.out.println("Summary" + (all ? "" : " (gave up waiting after 30 s)") + ":");
            for (int s = 0; s < subscribers; s++) {
                System.out.println("  subscriber " + (s + 1) + " received " + received.get(s).get() + " of " + count);
            }
            System.out.println("Done: " + count + " messages published, " + (subscribers * count
                    - allDelivered.getCount()) + " deliveries to " + subscribers + " subscribers");
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static void subscribe(Connection connection, String topicName, String name, AtomicInteger got,
            CountDownLatch allDelivered) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(topicName);
        MessageConsumer consumer = session.createConsumer(topic);
        consumer.setMessageListener(message -> {
            try {
                System.out.println("  " + name + " got: " + SampleSupport.describe(message));
            } catch (Exception e) {
                System.out.println("  " + name + " could not read a message: " + e);
            }
            got.incrementAndGet();
            allDelivered.countDown();
        });
        connection.start();
    }
}
