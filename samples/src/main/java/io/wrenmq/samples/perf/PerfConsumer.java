package io.wrenmq.samples.perf;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer thread with a connection of its own: receives until the run says stop and records, for each message
 * stamped by a producer, the time from its stamp to its arrival.
 *
 * <p>The consumer is opened by the coordinating thread before any producer starts (a topic subscription must
 * exist before the first message); {@link #run} then belongs to the consumer's own thread, the only writer of its
 * counters and recorders.
 */
final class PerfConsumer implements Runnable {
    private final PerfOptions options;
    private final PerfRun run;
    private final Connection connection;
    private final Session session;
    private final MessageConsumer consumer;
    /** Every stamped message of this run, for the progress lines. */
    final LatencyRecorder all = new LatencyRecorder();
    /** Messages stamped after the warmup, for the summary. */
    final LatencyRecorder measured = new LatencyRecorder();
    final Counter received = new Counter();
    /** Messages without our stamp, or stamped before this run began: left over in the queue from elsewhere. */
    final Counter foreign = new Counter();
    private final AtomicLong lastMeasuredMicros = new AtomicLong();
    private volatile Exception failure;

    PerfConsumer(PerfTarget target, PerfOptions options, PerfRun run) throws JMSException {
        this.options = options;
        this.run = run;
        this.connection = target.connectionFactory().createConnection();
        try {
            this.session = target.openSession(connection);
            this.consumer = session.createConsumer(target.destination(session));
            connection.start();
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void run() {
        try (connection) {
            int uncommitted = 0;
            boolean filterStale = options.producers() > 0;
            while (!run.receivingStopped()) {
                Message message = consumer.receive(100);
                if (message == null) {
                    if (uncommitted > 0) {
                        session.commit();
                        uncommitted = 0;
                    }
                    continue;
                }
                long now = MicroClock.now();
                Object stamp = message.getObjectProperty(PerfRun.SENT_MICROS);
                if (stamp instanceof Long sentMicros && !(filterStale && sentMicros < run.startMicros())) {
                    all.record(now - sentMicros);
                    if (!run.warmingUp(sentMicros)) {
                        measured.record(now - sentMicros);
                        // A release store, not a volatile one: no fence per message on x86.
                        lastMeasuredMicros.setRelease(now);
                    }
                    received.add(1);
                } else {
                    foreign.add(1);
                }
                if (options.transacted() && ++uncommitted == options.batchSize()) {
                    session.commit();
                    uncommitted = 0;
                }
            }
            if (uncommitted > 0) {
                session.commit();
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** When this consumer last received a measured message ({@link MicroClock}), or 0. */
    long lastMeasuredMicros() {
        return lastMeasuredMicros.getAcquire();
    }

    Exception failure() {
        return failure;
    }
}
