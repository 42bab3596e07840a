package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Receives messages from a queue until none has come for a while.
 *
 * <pre>java -cp wren-samples.jar io.wrenmq.samples.QueueConsumer [--url tcp://localhost:61700] [--queue example]
 *     [--idle-seconds 5]</pre>
 */
public final class QueueConsumer {

    private QueueConsumer() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String queueName = opts.get("queue", "example");
        long idleMillis = opts.getInt("idle-seconds", 5) * 1000L;
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            System.out.println("Receiving from queue " + queueName + " (stops after " + idleMillis / 1000
                    + " s without a message)");
            int received = 0;
            Message message;
            while ((message = consumer.receive(idleMillis)) != null) {
                received++;
                String body = message instanceof TextMessage t ? t.getText() : message.toString();
                System.out.println("Received from queue " + queueName + ": " + body);
            }
            System.out.println("Done: " + received + " messages received from queue " + queueName);
        }
    }
}
