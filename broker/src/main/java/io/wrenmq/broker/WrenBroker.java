package io.wrenmq.broker;

import io.wrenmq.broker.core.Broker;
import io.wrenmq.broker.core.Destination;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.broker.core.ServerConnection;
import io.wrenmq.broker.transport.BrokerServer;
import io.wrenmq.broker.transport.Transports;
import io.wrenmq.jms.WrenVersion;
import io.wrenmq.jms.client.spi.DuplexStream;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.StoreException;
import io.wrenmq.persistence.jdbc.JdbcMessageStore;
import io.wrenmq.persistence.jdbc.JdbcStoreConfig;
import io.wrenmq.protocol.WireDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running broker, in this process. Start one with {@link #start(BrokerConfig)}; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (WrenBroker broker = WrenBroker.start(BrokerConfig.builder().port(0).build())) {
 *     ConnectionFactory cf = new WrenConnectionFactory(broker.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Unless configured otherwise, destinations, durable subscriptions and persistent messages are kept
 * in a store (an embedded H2 database in the data directory by default) and restored when a broker starts on it.
 *
 * <p>A broker with a {@link BrokerConfig#name() name} is also reachable from this JVM as {@code vm://name}, without
 * TCP; see {@link InVmBrokers} for the brokers that {@code vm://} URLs start themselves.
 */
public final class WrenBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WrenBroker.class);

    private final BrokerConfig config;
    private final Transports transports;
    private final MessageStore store;
    private final Broker broker;
    private final BrokerServer server;
    /** Where clients reach it, for log lines: {@code tcp://0.0.0.0:61700}, {@code ssl://...}, {@code vm://name}. */
    private final String endpoints;
    private boolean closed;

    private WrenBroker(BrokerConfig config, Transports transports, MessageStore store, Broker broker,
                       BrokerServer server) {
        this.config = config;
        this.transports = transports;
        this.store = store;
        this.broker = broker;
        this.server = server;
        List<String> where = new ArrayList<>();
        if (server.listensOnTcp()) {
            where.add("tcp://" + config.host() + ":" + server.port());
        }
        if (server.listensOnTls()) {
            where.add("ssl://" + config.host() + ":" + server.tlsPort() + " (" + config.tls() + ")");
        }
        if (config.name() != null) {
            where.add("vm://" + config.name());
        }
        this.endpoints = String.join(" and ", where);
    }

    /**
     * Starts a broker and returns once it accepts connections. A broker with a name runs until it is closed, even
     * when in-VM clients come and go.
     *
     * @throws BrokerStartException saying what went wrong (the port is taken, a broker of that name runs already,
     *         ...)
     */
    public static WrenBroker start(BrokerConfig config) {
        return config.name() == null ? launch(config) : InVmBrokers.startExplicit(config);
    }

    /** Starts a broker; a named one only under its name's lock in {@link InVmBrokers}. */
    static WrenBroker launch(BrokerConfig config) {
        MessageStore store = config.persistent() ? openStore(config) : null;
        Transports transports = new Transports(config.ioThreads());
        try {
            Broker broker = new Broker(config, store, transports.workers());
            BrokerServer server = BrokerServer.bind(config, broker, transports);
            WrenBroker b = new WrenBroker(config, transports, store, broker, server);
            log.info("Wren {} broker listening on {} ({}, {} io threads); {}; {}", WrenVersion.get(), b.endpoints,
                    transports.name(), config.ioThreads(), storeDescription(config), config.security().summary());
            return b;
        } catch (Exception e) {
            transports.close();
            if (store != null) {
                store.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof BindException) {
                // Its message names the address and the option (port, ssl-port, or the in-VM acceptor).
                throw new BrokerStartException(e.getMessage(), e);
            }
            if (e instanceof StoreException) {
                throw new BrokerStartException("cannot read the store (" + storeDescription(config) + "): "
                        + e.getMessage(), e);
            }
            throw new BrokerStartException("cannot start the broker: " + e, e);
        }
    }

    private static MessageStore openStore(BrokerConfig config) {
        JdbcStoreConfig storeConfig;
        if (config.jdbcUrl() == null) {
            ensureDataDir(config);
            storeConfig = JdbcStoreConfig.embedded(config.dataDir()).toBuilder().syncCommits(config.syncCommits())
                    .build();
        } else {
            storeConfig = JdbcStoreConfig.builder(config.jdbcUrl()).user(config.jdbcUser())
                    .password(config.jdbcPassword()).build();
        }
        try {
            return JdbcMessageStore.open(storeConfig);
        } catch (RuntimeException e) {
            throw new BrokerStartException("cannot open the store (" + storeDescription(config) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checked before the database opens it, which would say so only in its own words (a trace file it cannot
     * write), and on stderr.
     */
    private static void ensureDataDir(BrokerConfig config) {
        Path dir = config.dataDir().toAbsolutePath();
        String cannotOpen = "cannot open the store (" + storeDescription(config) + "): ";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BrokerStartException(cannotOpen + "data-dir " + dir + " is not a directory", null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException(cannotOpen + "cannot create data-dir " + dir + ": " + e, e);
        }
    }

    private static String storeDescription(BrokerConfig config) {
        if (!config.persistent()) {
            return "messages are kept in memory only";
        }
        return config.jdbcUrl() == null
                ? "store: embedded H2 in " + config.dataDir().toAbsolutePath().normalize()
                : "store: " + config.jdbcUrl();
    }

    /**
     * The TCP port the broker listens on.
     *
     * @throws IllegalStateException if it does not listen on TCP ({@link BrokerConfig#tcp()} is false)
     */
    public int port() {
        return server.port();
    }

    /**
     * The port TLS clients connect to ({@code ssl://host:port}).
     *
     * @throws IllegalStateException if the broker has no TLS acceptor ({@code ssl-port} is not set)
     */
    public int tlsPort() {
        return server.tlsPort();
    }

    /**
     * A URL a client on this machine can connect with: {@code tcp://localhost:61700}; {@code vm://name} for a
     * broker that does not listen on TCP; else {@code ssl://localhost:61701}, to which a client adds its trust store.
     */
    public String url() {
        if (server.listensOnTcp()) {
            return "tcp://localhost:" + port();
        }
        return config.name() != null ? "vm://" + config.name() : "ssl://localhost:" + tlsPort();
    }

    /** A new in-VM connection; {@code onClosed} runs once it has closed. For {@link InVmBrokers}. */
    DuplexStream connectInVm(Runnable onClosed) throws IOException {
        return server.connectInVm(onClosed);
    }

    public BrokerConfig config() {
        return config;
    }

    /** The counters of a queue, or empty if no queue by that name exists. */
    public Optional<DestinationStats> queueStats(String name) {
        return stats(WireDestination.queue(name));
    }

    /** The counters of a topic, or empty if no topic by that name exists. */
    public Optional<DestinationStats> topicStats(String name) {
        return stats(WireDestination.topic(name));
    }

    private Optional<DestinationStats> stats(WireDestination address) {
        Destination d = broker.existing(address);
        return d == null ? Optional.empty() : Optional.of(await(d.stats()));
    }

    /** The counters of every destination. */
    public List<DestinationStats> allStats() {
        return broker.destinations().stream().map(d -> await(d.stats())).toList();
    }

    /** How many durable subscriptions exist, shared or not. */
    public int durableSubscriptionCount() {
        return broker.durableSubscriptionCount();
    }

    /** How many clients are connected. */
    public int connectionCount() {
        return broker.connections().size();
    }

    /** How many connections the broker holds, whether or not they completed the handshake. */
    public int acceptedConnectionCount() {
        return broker.admission().open();
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the broker: no new connections, every client told that the broker is shutting down, then the threads
     * end. Idempotent.
     */
    @Override
    public void close() {
        if (config.name() == null) {
            stop();
        } else {
            InVmBrokers.stop(this);
        }
    }

    /** What {@link #close()} does; a named broker's only under its name's lock in {@link InVmBrokers}. */
    synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopAccepting();
        for (ServerConnection c : broker.connections()) {
            c.channel().close("the broker is shutting down");
        }
        server.closeClients();
        try {
            if (!broker.awaitConnectionsReleased(5_000)) {
                log.warn("Some connections were still releasing their state after 5 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store != null) {
            // Before the event loops stop: what the store completes is handed back to them.
            store.close();
        }
        transports.close();
        log.info("Wren broker on {} stopped", endpoints);
    }
}
