package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.ConnectionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one broker the conformance tests of a run share: started on a free TCP port the first time a test needs it,
 * stopped when the JVM ends. Tests keep out of each other's way by using destination names of their own.
 *
 * <p>Besides the standard API, tests may read the broker's counters here (the "admin hook" of the JORAM suite);
 * nothing else reaches past {@code jakarta.jms}.
 */
public final class Broker {
    private static WrenBroker broker;

    private Broker() {
    }

    /** The shared broker, started if needed. */
    public static synchronized WrenBroker get() {
        if (broker == null) {
            broker = WrenBroker.start(BrokerConfig.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .dataDir(freshDataDir())
                    .heartbeat(Duration.ofSeconds(5))
                    .build());
            WrenBroker b = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "tck-broker-stop"));
        }
        return broker;
    }

    /** tcp://127.0.0.1:port of the shared broker, with {@code options} (e.g. "prefetch=0") if not empty. */
    public static String url(String options) {
        return url(get(), options);
    }

    /** tcp://127.0.0.1:port of {@code broker}, with {@code options} if not empty. */
    public static String url(WrenBroker broker, String options) {
        String base = "tcp://127.0.0.1:" + broker.port();
        return options == null || options.isEmpty() ? base : base + "?" + options;
    }

    /**
     * A broker of the calling test's own, on a free port of 127.0.0.1, for a test that stops it or needs other
     * limits than the shared one. The caller closes it.
     */
    public static WrenBroker startDedicated(UnaryOperator<BrokerConfig.Builder> settings) {
        return WrenBroker.start(settings.apply(BrokerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(freshDataDir())).build());
    }

    /** A data directory no broker has used, under the module's build directory. */
    public static Path freshDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target", "broker-data"));
            return Files.createTempDirectory(target, "broker-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection factory for the shared broker, as an application would make one. */
    public static ConnectionFactory connectionFactory() {
        return new WrenConnectionFactory(url(null));
    }

    public static ConnectionFactory connectionFactory(String options) {
        return new WrenConnectionFactory(url(options));
    }

    /** Messages held by a queue (waiting plus unacknowledged), or 0 if the queue does not exist. */
    public static long queueDepth(String name) {
        return get().queueStats(name).map(DestinationStats::depth).orElse(0L);
    }

    public static Optional<DestinationStats> queueStats(String name) {
        return get().queueStats(name);
    }

    public static Optional<DestinationStats> topicStats(String name) {
        return get().topicStats(name);
    }
}
