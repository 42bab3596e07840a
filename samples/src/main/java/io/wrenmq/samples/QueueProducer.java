package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Sends text messages to a queue.
 *
 * <pre>java -cp wren-samples.jar io.wrenmq.samples.QueueProducer [--url tcp://localhost:61700] [--queue example]
 *     [--count 10]</pre>
 */
public final class QueueProducer {

    private QueueProducer() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String queueName = opts.get("queue", "example");
        int count = opts.getInt("count", 10);
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            for (int i = 1; i <= count; i++) {
                TextMessage message = session.createTextMessage("message " + i + " of " + count);
                message.setIntProperty("sequence", i);
                producer.send(message);
                System.out.println("Sent to queue " + queueName + ": " + message.getText());
            }
            System.out.println("Done: " + count + " messages sent to queue " + queueName);
        }
    }
}
