package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A well-behaved client beside whatever a test does to the broker: one connection sends numbered persistent
 * messages as fast as the broker takes them, another receives them with a listener. Both report failures to an
 * ExceptionListener. The caller owns (and closes) the two connections.
 */
final class Bystander {
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final List<JMSException> failures = new CopyOnWriteArrayList<>();
    private final NumberedSender sender;

    Bystander(Connection in, Connection out, String queue) throws JMSException {
        in.setExceptionListener(failures::add);
        Session listening = in.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = listening.createQueue(queue);
        listening.createConsumer(q).setMessageListener(m -> {
            try {
                received.add(m.getIntProperty("n"));
            } catch (JMSException e) {
                failures.add(e);
            }
        });
        in.start();
        out.setExceptionListener(failures::add);
        Session s = out.createSession(Session.AUTO_ACKNOWLEDGE);
        sender = new NumberedSender(s, s.createProducer(q), Integer.MAX_VALUE, 0);
    }

    /** Waits until {@code count} more messages went through. */
    void awaitTraffic(int count) {
        int target = received.size() + count;
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= target);
    }

    int received() {
        return received.size();
    }

    /** Stops sending, then checks that every message arrived once, in order, and no connection failed. */
    void assertUndisturbed() throws Exception {
        awaitTraffic(10);
        sender.stop(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= sender.sent());
        assertEquals(IntStream.range(0, sender.sent()).boxed().toList(), received);
        assertTrue(failures.isEmpty(), "a well-behaved connection failed: " + failures);
    }
}
