package io.wrenmq.samples;

import io.wrenmq.samples.perf.Perf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar wren-samples.jar SAMPLE [options]}: runs one of the samples by name.
 */
public final class Samples {
    private interface Sample {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("queue-producer", QueueProducer::main);
        SAMPLES.put("queue-consumer", QueueConsumer::main);
        SAMPLES.put("topic-publisher", TopicPublisher::main);
        SAMPLES.put("topic-subscriber", TopicSubscriber::main);
        SAMPLES.put("topic-fanout", TopicFanout::main);
        SAMPLES.put("durable-subscriber", DurableSubscriber::main);
        SAMPLES.put("request-reply", RequestReply::main);
        SAMPLES.put("transacted-pipeline", TransactedPipeline::main);
        SAMPLES.put("jndi-producer", JndiProducer::main);
        SAMPLES.put("perf", Perf::main);
    }

    private Samples() {
    }

    public static void main(String[] args) throws Exception {
        Sample sample = args.length == 0 ? null : SAMPLES.get(args[0]);
        if (sample == null) {
            System.out.println("Usage: java -jar wren-samples.jar SAMPLE [--url tcp://localhost:61700] [options]");
            System.out.println("Samples: " + String.join(", ", SAMPLES.keySet()));
            System.out.println("See the README's Samples section; perf --help lists the perf tool's options.");
            System.exit(args.length == 0 ? 0 : 2);
            return;
        }
        try {
            sample.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A wrong option or a failed lookup: say what, without a stack trace a newcomer has to read through.
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
