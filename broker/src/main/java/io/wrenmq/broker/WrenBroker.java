package io.wrenmq.broker;

import io.wrenmq.broker.core.Broker;
import io.wrenmq.broker.core.Destination;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.broker.core.ServerConnection;
import io.wrenmq.broker.transport.BrokerServer;
import io.wrenmq.broker.transport.Transports;
import io.wrenmq.jms.WrenVersion;
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
 */
public final class WrenBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WrenBroker.class);

    private final BrokerConfig config;
    private final Transports transports;
    private final MessageStore store;
    private final Broker broker;
    private final BrokerServer server;
    private boolean closed;

    private WrenBroker(BrokerConfig config, Transports transports, MessageStore store, Broker broker,
                       BrokerServer server) {
        this.config = config;
        this.transports = transports;
        this.store = store;
        this.broker = broker;
        this.server = server;
    }

    /**
     * Starts a broker and returns once it accepts connections.
     *
     * @throws BrokerStartException saying what went wrong (the port is taken, ...)
     */
    public static WrenBroker start(BrokerConfig config) {
        MessageStore store = config.persistent() ? openStore(config) : null;
        Transports transports = new Transports(config.ioThreads());
        try {
            Broker broker = new Broker(config, store, transports.workers());
            BrokerServer server = BrokerServer.bind(config, broker, transports);
            WrenBroker b = new WrenBroker(config, transports, store, broker, server);
            log.info("Wren {} broker listening on tcp://{}:{} ({}, {} io threads); {}", WrenVersion.get(),
                    config.host(), server.port(), transports.name(), config.ioThreads(), storeDescription(config));
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
                throw new BrokerStartException("cannot listen on " + config.host() + ":" + config.port() + ": "
                        + e.getMessage(), e);
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
            ensureDataDir(config.dataDir());
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

    /** Checked before the database opens it, which would say so only in its own words, and on stderr. */
    private static void ensureDataDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BrokerStartException("data-dir " + dir.toAbsolutePath() + " is not a directory", null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot create data-dir " + dir.toAbsolutePath() + ": " + e, e);
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

    /** The TCP port the broker listens on. */
    public int port() {
        return server.port();
    }

    /** A URL a client on this machine can connect with, e.g. {@code tcp://localhost:61700}. */
    public String url() {
        return "tcp://localhost:" + port();
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
    public synchronized void close() {
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
        log.info("Wren broker on port {} stopped", config.port() == 0 ? "(ephemeral)" : config.port());
    }
}
