package io.wrenmq.samples.perf;

import io.wrenmq.samples.Options;

import java.time.Duration;
import java.util.List;

/**
 * The perf tool's settings, read and checked once before anything connects: a mistake is a message naming the
 * option, not a half-started run.
 *
 * @param jndi          null: Wren on {@code url}; {@code ""}: JNDI from its standard sources; else a properties file
 * @param count         measured messages to send in all (after the warmup), or 0 to run for {@code duration}
 * @param rate          messages a second for all producers together, or 0 for as fast as they go
 */
record PerfOptions(String jndi, String connectionFactory, String url, String destination, int producers,
        int consumers, int messageSize, boolean persistent, boolean transacted, int batchSize, Duration duration,
        long count, Duration warmup, long rate, Duration drainTimeout) {

    static final List<String> NAMES = List.of("jndi", "connection-factory", "url", "destination", "producers",
            "consumers", "message-size", "persistent", "transacted", "batch-size", "duration", "count", "warmup",
            "rate", "drain-timeout");

    static final String USAGE = """
            Usage: java -jar wren-samples.jar perf [options]
              --jndi FILE               find the connection factory (and a plain destination name) in JNDI, with
                                        the environment in FILE; --jndi alone: jndi.properties on the classpath
                                        and -Djava.naming.* (the default when -Djava.naming.factory.initial is set)
              --connection-factory NAME JNDI name of the connection factory (ConnectionFactory)
              --url URL                 without JNDI: Wren's broker URL (tcp://localhost:61700)
              --destination D           queue://NAME, topic://NAME, or a JNDI name (queue://perf)
              --producers N             producer threads, each with its own connection (1)
              --consumers N             consumer threads, each with its own connection (1)
              --message-size BYTES      body size of each BytesMessage, e.g. 100, 1k, 64k (1024)
              --persistent              send PERSISTENT messages (default NON_PERSISTENT)
              --transacted              transacted sessions, committing every --batch-size messages (10)
              --duration TIME           how long to measure, e.g. 30s, 2m (10s)
              --count N                 measure N messages in all instead of a duration
              --warmup TIME             run this long before measuring (2s)
              --rate N                  messages a second for all producers together (as fast as possible)
              --drain-timeout TIME      after the producers stop, wait this long without progress for the rest (10s)
            """;

    static PerfOptions parse(String... args) {
        Options o = new Options(args);
        o.rejectUnknown(NAMES);
        boolean transacted = o.getBoolean("transacted", false);
        PerfOptions p = new PerfOptions(jndiSource(o), o.get("connection-factory", "ConnectionFactory"),
                o.get("url", "tcp://localhost:61700"), o.get("destination", "queue://perf"),
                o.getInt("producers", 1), o.getInt("consumers", 1), o.getSize("message-size", 1024),
                o.getBoolean("persistent", false), transacted, o.getInt("batch-size", transacted ? 10 : 1),
                o.getDuration("duration", Duration.ofSeconds(10)), o.getLong("count", 0),
                o.getDuration("warmup", Duration.ofSeconds(2)), o.getLong("rate", 0),
                o.getDuration("drain-timeout", Duration.ofSeconds(10)));
        p.validate();
        return p;
    }

    /** null for Wren without JNDI, "" for JNDI's standard sources, else the file named by --jndi. */
    private static String jndiSource(Options o) {
        if (o.has("jndi")) {
            String file = o.get("jndi", "true");
            return "true".equals(file) ? "" : file;
        }
        return System.getProperty("java.naming.factory.initial") != null ? "" : null;
    }

    private void validate() {
        require(producers >= 0 && consumers >= 0, "--producers and --consumers must not be negative");
        require(producers + consumers > 0, "at least one producer or consumer is needed");
        require(messageSize >= 0, "--message-size must not be negative");
        require(batchSize >= 1, "--batch-size must be at least 1");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(count >= 0, "--count must not be negative");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(rate >= 0, "--rate must not be negative");
        require(destination.indexOf("://") < 0 || isQueueUri() || isTopicUri(),
                "--destination must be queue://NAME, topic://NAME or a JNDI name, not '" + destination + "'");
        require(!destinationName().isEmpty() && !"true".equals(destination), "--destination needs a value");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    boolean usesJndi() {
        return jndi != null;
    }

    boolean isQueueUri() {
        return destination.startsWith("queue://") && destination.length() > "queue://".length();
    }

    boolean isTopicUri() {
        return destination.startsWith("topic://") && destination.length() > "topic://".length();
    }

    /** The name after {@code queue://} or {@code topic://}; a plain name as it is. */
    String destinationName() {
        int at = destination.indexOf("://");
        return at < 0 ? destination : destination.substring(at + 3);
    }

    /** When the measurement may end by time: never, if it ends by count. */
    boolean endsByCount() {
        return count > 0;
    }
}
