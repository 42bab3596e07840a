package io.wrenmq.samples.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A load generator for any JMS provider, found through JNDI (or Wren on a URL without it): producers and consumers
 * on threads of their own, a progress line every second, a summary at the end. See {@link PerfOptions#USAGE}.
 *
 * <p>This thread coordinates: it opens the consumers, starts the producers, prints, and decides when the run is
 * over. It reads the workers' counters and recorders, which only their own threads write, so the tool adds no lock
 * or shared write to the message path.
 */
public final class Perf {
    private final PerfOptions options;
    private final PerfTarget target;
    private final PerfRun run;
    private final List<PerfProducer> producers = new ArrayList<>();
    private final List<PerfConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private Perf(PerfOptions options, PerfTarget target) {
        this.options = options;
        this.target = target;
        this.run = new PerfRun(options);
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(PerfOptions.USAGE);
            return;
        }
        PerfOptions options = PerfOptions.parse(args);
        new Perf(options, PerfTarget.resolve(options)).execute();
    }

    private void execute() throws Exception {
        System.out.printf(Locale.ROOT, "perf: %d producer(s), %d consumer(s), %s, %d-byte %s messages%s%s%n",
                options.producers(), options.consumers(), target.describe(), options.messageSize(),
                options.persistent() ? "PERSISTENT" : "NON_PERSISTENT",
                options.transacted() ? ", transacted in batches of " + options.batchSize() : "",
                options.rate() > 0 ? ", at " + options.rate() + " msg/s" : "");
        System.out.println("perf: warmup " + options.warmup().toMillis() / 1000.0 + " s, then "
                + (options.endsByCount() ? options.count() + " messages" : options.duration().toMillis() / 1000.0
                + " s"));
        try {
            // Consumers first: a topic subscription must exist before the first message is published.
            for (int i = 0; i < options.consumers(); i++) {
                PerfConsumer consumer = new PerfConsumer(target, options, run);
                consumers.add(consumer);
                start(consumer, "perf-consumer-" + i);
            }
            for (int i = 0; i < options.producers(); i++) {
                PerfProducer producer = new PerfProducer(target, options, run);
                producers.add(producer);
                start(producer, "perf-producer-" + i);
            }
            report();
        } finally {
            run.stopSending();
            run.stopReceiving();
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
        summary();
    }

    private void start(Runnable worker, String name) {
        Thread thread = new Thread(worker, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Prints a line a second until the run is over. */
    private void report() throws InterruptedException {
        long startNanos = run.startNanos();
        long lastNanos = startNanos;
        long intervalStartMicros = run.startMicros();
        long lastSent = 0;
        long lastReceived = 0;
        LatencyHistogram lastLatencies = LatencyHistogram.empty();
        long lastProgressNanos = startNanos;
        for (long second = 1; ; second++) {
            long wait = startNanos + second * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long now = System.nanoTime();
            long sent = sent();
            long received = received();
            LatencyHistogram latencies = allLatencies();
            double seconds = (now - lastNanos) / 1e9;
            // An interval that began in the warmup is labelled so: most of what it shows is warmup.
            System.out.println(PerfReport.progressLine(second, run.warmingUp(intervalStartMicros),
                    (sent - lastSent) / seconds, (received - lastReceived) / seconds, latencies.minus(lastLatencies)));
            if (received != lastReceived) {
                lastProgressNanos = now;
            }
            if (over(sent, received, now - lastProgressNanos)) {
                return;
            }
            lastNanos = now;
            intervalStartMicros = MicroClock.now();
            lastSent = sent;
            lastReceived = received;
            lastLatencies = latencies;
        }
    }

    private boolean over(long sent, long received, long nanosWithoutProgress) {
        if (failure() != null) {
            return true;
        }
        if (producers.isEmpty()) {
            return run.measurementOver(MicroClock.now(), measuredLatencies().count());
        }
        if (producers.stream().anyMatch(p -> p.finishedMicros() == 0)) {
            return false;
        }
        run.stopSending();
        long fanout = target.isTopic() ? consumers.size() : Math.min(1, consumers.size());
        return received >= sent * fanout || nanosWithoutProgress >= options.drainTimeout().toNanos();
    }

    private void summary() {
        long measuredSent = producers.stream().mapToLong(p -> p.measured.get()).sum();
        long sendEnd = producers.stream().mapToLong(PerfProducer::finishedMicros).max().orElse(0);
        long receiveEnd = consumers.stream().mapToLong(PerfConsumer::lastMeasuredMicros).max().orElse(0);
        LatencyHistogram measured = measuredLatencies();
        System.out.println("Summary" + (options.warmup().isZero() ? "" : " (after the warmup)") + ":");
        if (!producers.isEmpty()) {
            System.out.println(PerfReport.totals("sent", measuredSent, seconds(sendEnd)));
        }
        if (!consumers.isEmpty()) {
            System.out.println(PerfReport.totals("received", measured.count(), seconds(receiveEnd)));
            System.out.println("  latency   " + PerfReport.latencies(measured));
        }
        long fanout = target.isTopic() ? consumers.size() : Math.min(1, consumers.size());
        long missing = sent() * fanout - received();
        if (!producers.isEmpty() && missing > 0) {
            System.out.println("  NOT RECEIVED: " + missing + " messages (gave up after "
                    + options.drainTimeout().toMillis() / 1000.0 + " s without progress)");
        }
        long foreign = consumers.stream().mapToLong(c -> c.foreign.get()).sum();
        if (foreign > 0) {
            System.out.println("  also received " + foreign + " messages not sent by this run (left in "
                    + options.destination() + " from before)");
        }
        Exception failure = failure();
        if (failure != null) {
            System.out.println("  FAILED: " + failure);
            throw new IllegalStateException("a producer or consumer failed: " + failure, failure);
        }
    }

    private double seconds(long endMicros) {
        return endMicros <= run.measureFromMicros() ? 0 : (endMicros - run.measureFromMicros()) / 1e6;
    }

    private long sent() {
        return producers.stream().mapToLong(p -> p.sent.get()).sum();
    }

    private long received() {
        return consumers.stream().mapToLong(c -> c.received.get()).sum();
    }

    private LatencyHistogram allLatencies() {
        return consumers.stream().map(c -> c.all.snapshot()).reduce(LatencyHistogram.empty(), LatencyHistogram::plus);
    }

    private LatencyHistogram measuredLatencies() {
        return consumers.stream().map(c -> c.measured.snapshot())
                .reduce(LatencyHistogram.empty(), LatencyHistogram::plus);
    }

    private Exception failure() {
        for (PerfProducer p : producers) {
            if (p.failure() != null) {
                return p.failure();
            }
        }
        for (PerfConsumer c : consumers) {
            if (c.failure() != null) {
                return c.failure();
            }
        }
        return null;
    }
}
