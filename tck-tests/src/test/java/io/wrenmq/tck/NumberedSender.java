package io.wrenmq.tck;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends BytesMessages numbered 0, 1, 2 ... (int property {@code n}) on a thread of its own, as fast as its producer
 * lets it, until it has sent {@code count} or is stopped. The session is this sender's alone while it runs.
 */
final class NumberedSender {
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CompletableFuture<Void> done;
    private volatile Thread thread;

    NumberedSender(Session session, MessageProducer producer, int count, int bodyBytes) {
        done = CompletableFuture.runAsync(() -> {
            thread = Thread.currentThread();
            try {
                for (int n = 0; n < count && !stop.get(); n++) {
                    BytesMessage m = session.createBytesMessage();
                    m.writeBytes(new byte[bodyBytes]);
                    m.setIntProperty("n", n);
                    producer.send(m);
                    sent.incrementAndGet();
                }
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        }, JmsTestSupport.THREAD_PER_TASK);
    }

    /** How many sends have returned. */
    int sent() {
        return sent.get();
    }

    boolean isDone() {
        return done.isDone();
    }

    /** Whether the sending thread is blocked, in a send since it has not finished. */
    boolean isBlocked() {
        Thread t = thread;
        return t != null && !done.isDone() && JmsTestSupport.isBlocked(t);
    }

    /** Stops after the send in progress and waits for the thread to end; rethrows what ended it otherwise. */
    void stop(Duration within) throws Exception {
        stop.set(true);
        finish(within);
    }

    /** Waits for the thread to end; rethrows what ended it if it failed. */
    void finish(Duration within) throws Exception {
        done.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }
}
