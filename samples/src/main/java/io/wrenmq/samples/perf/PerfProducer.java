package io.wrenmq.samples.perf;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.concurrent.locks.LockSupport;

/**
 * One producer thread with a connection of its own: sends BytesMessages stamped with {@link PerfRun#SENT_MICROS}
 * until the run says stop, at {@code --rate} if one is given.
 *
 * <p>Counters are written by this thread only and read by the reporter.
 */
final class PerfProducer implements Runnable {
    private static final long MAX_CATCH_UP_NANOS = 10_000_000;
    private final PerfTarget target;
    private final PerfOptions options;
    private final PerfRun run;
    private final long nanosPerMessage;
    final Counter sent = new Counter();
    final Counter measured = new Counter();
    private volatile Exception failure;
    private volatile long finishedMicros;

    PerfProducer(PerfTarget target, PerfOptions options, PerfRun run) {
        this.target = target;
        this.options = options;
        this.run = run;
        long perProducer = options.rate() == 0 ? 0 : Math.max(1, options.rate() / options.producers());
        this.nanosPerMessage = perProducer == 0 ? 0 : 1_000_000_000L / perProducer;
    }

    @Override
    public void run() {
        try (Connection connection = target.connectionFactory().createConnection()) {
            Session session = target.openSession(connection);
            MessageProducer producer = session.createProducer(target.destination(session));
            producer.setDeliveryMode(options.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            // Hints the provider may take: we stamp the messages ourselves and need no ids.
            producer.setDisableMessageID(true);
            producer.setDisableMessageTimestamp(true);
            sendUntilStopped(session, producer);
        } catch (Exception e) {
            failure = e;
            run.stopSending();
        } finally {
            finishedMicros = MicroClock.now();
        }
    }

    /** When this producer stopped ({@link MicroClock}), or 0 while it runs. */
    long finishedMicros() {
        return finishedMicros;
    }

    private void sendUntilStopped(Session session, MessageProducer producer) throws Exception {
        byte[] body = new byte[options.messageSize()];
        long next = System.nanoTime();
        int uncommitted = 0;
        while (!run.sendingStopped()) {
            if (nanosPerMessage > 0) {
                next = pace(next);
            }
            // The stamp decides whether a message is measured, here and at the consumer: read the clock once.
            long now = MicroClock.now();
            boolean warmup = run.warmingUp(now);
            if (!warmup && !run.mayMeasure(now)) {
                break;
            }
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            message.setLongProperty(PerfRun.SENT_MICROS, now);
            producer.send(message);
            if (options.transacted() && ++uncommitted == options.batchSize()) {
                session.commit();
                uncommitted = 0;
            }
            sent.add(1);
            if (!warmup) {
                measured.add(1);
            }
        }
        if (uncommitted > 0) {
            session.commit();
        }
    }

    /**
     * Waits for the send slot after {@code previous} and returns it. A producer that fell more than
     * {@link #MAX_CATCH_UP_NANOS} behind (a stall of the provider or of this JVM) starts afresh from now rather
     * than sending the missed slots in a burst, which would measure the burst and not the rate asked for.
     */
    private long pace(long previous) {
        long slot = previous + nanosPerMessage;
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        } else if (-wait > MAX_CATCH_UP_NANOS) {
            return System.nanoTime();
        }
        return slot;
    }

    /** Why the producer stopped early, or null. */
    Exception failure() {
        return failure;
    }
}
