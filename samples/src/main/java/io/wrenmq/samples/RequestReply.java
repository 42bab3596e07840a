package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Request/reply over JMS: the requester creates a temporary queue, names it in each request's {@code JMSReplyTo},
 * and waits for the answer there; the responder answers each request to its {@code JMSReplyTo}, copying the
 * request's id into {@code JMSCorrelationID} so the requester can tell which request an answer belongs to.
 *
 * <pre>java -jar wren-samples.jar request-reply [--mode both|responder|requester] [--url tcp://localhost:61700]
 *     [--queue requests] [--count 5] [--timeout-ms 5000] [--seconds 60]</pre>
 * {@code both} (the default) runs a responder and a requester in one program; {@code responder} answers requests
 * for {@code --seconds} (or {@code --count} requests); {@code requester} sends {@code --count} requests.
 */
public final class RequestReply {

    private RequestReply() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String mode = opts.get("mode", "both");
        switch (mode) {
            case "both" -> {
                try (Connection responder = startResponder(opts, null)) {
                    request(opts);
                }
            }
            case "responder" -> respondFor(opts);
            case "requester" -> request(opts);
            default -> throw new IllegalArgumentException("--mode must be both, responder or requester, not '"
                    + mode + "'");
        }
    }

    private static void respondFor(SampleSupport opts) throws Exception {
        int count = opts.getInt("count", Integer.MAX_VALUE);
        int seconds = opts.getInt("seconds", 60);
        CountDownLatch answered = new CountDownLatch(count);
        try (Connection responder = startResponder(opts, answered)) {
            System.out.println("Answering requests for " + seconds + " s (Ctrl-C to stop)");
            answered.await(seconds, TimeUnit.SECONDS);
        }
        System.out.println("Done: the responder stopped");
    }

    /** Starts a responder on its own connection; it answers from its session's thread until the connection closes. */
    private static Connection startResponder(SampleSupport opts, CountDownLatch answered) throws Exception {
        String queueName = opts.get("queue", "requests");
        Connection connection = opts.connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer requests = session.createConsumer(session.createQueue(queueName));
        // One producer with no destination serves every requester: each answer goes to the request's JMSReplyTo.
        MessageProducer replies = session.createProducer(null);
        replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        requests.setMessageListener(request -> {
            try {
                answer(session, replies, request);
            } catch (JMSException e) {
                System.out.println("Responder could not answer a request: " + e);
            }
            if (answered != null) {
                answered.countDown();
            }
        });
        connection.start();
        System.out.println("Responder listening on queue " + queueName);
        return connection;
    }

    private static void answer(Session session, MessageProducer replies, Message request) throws JMSException {
        Destination replyTo = request.getJMSReplyTo();
        String question = SampleSupport.describe(request);
        if (replyTo == null) {
            System.out.println("Responder: '" + question + "' has no JMSReplyTo; nobody to answer");
            return;
        }
        TextMessage reply = session.createTextMessage(question.toUpperCase(Locale.ROOT));
        reply.setJMSCorrelationID(request.getJMSMessageID());
        replies.send(replyTo, reply);
        System.out.println("Responder: answered '" + question + "'");
    }

    private static void request(SampleSupport opts) throws Exception {
        String queueName = opts.get("queue", "requests");
        int count = opts.getInt("count", 5);
        long timeoutMillis = opts.getInt("timeout-ms", 5000);
        try (Connection connection = opts.connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer requests = session.createProducer(session.createQueue(queueName));
            requests.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            // Lives as long as this connection, and only this connection may consume from it.
            TemporaryQueue replyQueue = session.createTemporaryQueue();
            MessageConsumer replies = session.createConsumer(replyQueue);
            connection.start();
            System.out.println("Requester: replies come to temporary queue " + replyQueue.getQueueName());
            int answered = 0;
            for (int i = 1; i <= count; i++) {
                TextMessage request = session.createTextMessage("request " + i + " of " + count);
                request.setJMSReplyTo(replyQueue);
                long start = System.nanoTime();
                requests.send(request);
                Message reply = awaitReply(replies, request.getJMSMessageID(), timeoutMillis);
                if (reply == null) {
                    System.out.println("Requester: no reply to '" + request.getText() + "' within " + timeoutMillis
                            + " ms; is a responder running?");
                    continue;
                }
                answered++;
                System.out.printf("Requester: '%s' -> '%s' in %.2f ms%n", request.getText(),
                        SampleSupport.describe(reply), (System.nanoTime() - start) / 1e6);
            }
            System.out.println("Done: " + answered + " of " + count + " requests answered");
            // A temporary queue goes with its connection anyway; deleting it says we are done with it.
            replies.close();
            replyQueue.delete();
        }
    }

    /** The reply correlated with {@code requestId}; a late reply to an earlier request that timed out is skipped. */
    private static Message awaitReply(MessageConsumer replies, String requestId, long timeoutMillis)
            throws JMSException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            Message reply = replies.receive(left);
            if (reply != null && requestId.equals(reply.getJMSCorrelationID())) {
                return reply;
            }
        }
        return null;
    }
}
