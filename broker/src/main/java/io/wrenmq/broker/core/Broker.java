package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.ConnectionLimits;
import io.wrenmq.broker.security.Access;
import io.wrenmq.broker.security.Authenticator;
import io.wrenmq.broker.security.Operation;
import io.wrenmq.persistence.MessageStore;
import io.wrenmq.persistence.StoreState;
import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredSubscription;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.WireDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry at the centre: destinations by name, connections, client ids. Thread-safe (concurrent maps);
 * everything else lives on the event loops of the destinations and connections it hands out.
 *
 * <p>Queues and topics are created the first time a producer or consumer names them, as Artemis and ActiveMQ do by
 * default. Queues and topics have separate namespaces; temporary ones live in them under generated names.
 */
public final class Broker {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final ConnectionAdmission admission;
    private final MessageStore store;
    private final IdSequence ids;
    private final Subscriptions subscriptions;
    private final MessageMover mover = new MessageMover(this);
    private final Authenticator authenticator;
    private final String brokerId = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffL, 36);
    private final AtomicLong connectionSequence = new AtomicLong();
    private final ConcurrentHashMap<String, Destination> queues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Destination> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerConnection> clientIds = new ConcurrentHashMap<>();

    /**
     * A broker whose messages live in memory only.
     */
    public Broker(BrokerConfig config) {
        this(config, null, null);
    }

    /**
     * A broker that keeps its destinations, durable subscriptions and persistent messages in {@code store}, and
     * restores what the store holds: restored destinations are spread over {@code loops}, and their messages are
     * read back as consumers need them.
     *
     * @throws io.wrenmq.persistence.StoreException if the store cannot be read
     */
    public Broker(BrokerConfig config, MessageStore store, EventExecutorGroup loops) {
        this.config = config;
        this.admission = new ConnectionAdmission(config.limits().maxConnections());
        this.store = store;
        this.authenticator = new Authenticator(config.security());
        StoreState state = store == null ? null : store.load();
        this.ids = new IdSequence(state == null ? 0 : state.maxId());
        this.subscriptions = new Subscriptions(ids);
        if (state != null) {
            restore(state, loops);
        }
    }

    private void restore(StoreState state, EventExecutorGroup loops) {
        Map<Long, Destination> byId = new HashMap<>();
        for (StoredDestination sd : state.destinations()) {
            WireDestination address = sd.kind() == StoredDestination.Kind.TOPIC
                    ? WireDestination.topic(sd.name()) : WireDestination.queue(sd.name());
            Destination d = newDestination(address, sd.id(), loops.next(), null);
            namespace(address).put(sd.name(), d);
            byId.put(sd.id(), d);
            if (d instanceof QueueDestination q) {
                long count = state.messageCounts().getOrDefault(sd.id(), 0L);
                q.run(() -> q.restore(count));
            }
        }
        for (StoredSubscription ss : state.subscriptions()) {
            if (!(byId.get(ss.topicId()) instanceof TopicDestination topic)) {
                log.warn("Ignoring stored durable subscription '{}': its topic {} is not in the store", ss.name(),
                        ss.topicId());
                continue;
            }
            Subscription s = Subscription.durable(topic, ss.shared(), ss.clientId(), ss.name(), ss.selector(),
                    ss.noLocal(), ss.id());
            subscriptions.restore(s);
            long count = state.messageCounts().getOrDefault(ss.id(), 0L);
            topic.run(() -> topic.restoreSubscription(s, count));
        }
        long messages = state.messageCounts().values().stream().mapToLong(Long::longValue).sum();
        log.info("Restored {} destinations, {} durable subscriptions and {} messages from the store",
                state.destinations().size(), state.subscriptions().size(), messages);
    }

    /** The named subscriptions of every topic. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** The store, or null for a broker whose messages live in memory only. */
    MessageStore store() {
        return store;
    }

    int maxFrameSize() {
        return config.maxFrameSize();
    }

    /** The most message bytes one transaction may hold until it commits: as much as one destination holds. */
    /** Counts connections against {@link ConnectionLimits#maxConnections()}. */
    public ConnectionAdmission admission() {
        return admission;
    }

    /** How much clients may open; see {@link ConnectionLimits}. */
    public ConnectionLimits limits() {
        return config.limits();
    }

    long maxTransactionBytes() {
        return config.maxDestinationMemory();
    }

    /** How many durable subscriptions exist, shared or not. */
    public int durableSubscriptionCount() {
        return subscriptions.durableCount();
    }

    /**
     * Checks the credentials of a client that said hello, before {@link #openConnection}; see
     * {@link Authenticator#login}.
     *
     * @param remote the client's address, for the log
     */
    public CompletableFuture<Access> login(String user, String password, String remote) {
        return authenticator.login(user, password, remote);
    }

    /**
     * Admits a client that said hello and logged in.
     *
     * @param access what {@link #login} gave the client
     * @throws BrokerException with {@link ErrorCode#INVALID_CLIENT_ID} if its client id is taken
     */
    public ServerConnection openConnection(ClientChannel channel, EventExecutor executor, String clientId,
                                           Access access) {
        String id = brokerId + "-" + connectionSequence.incrementAndGet();
        ServerConnection c = new ServerConnection(this, id, channel, executor, config.sendWindow(), access);
        if (clientId != null) {
            if (!claimClientId(clientId, c)) {
                throw new BrokerException(ErrorCode.INVALID_CLIENT_ID,
                        "client id '" + clientId + "' is in use by another connection");
            }
            c.assignClientId(clientId);
        }
        connections.put(id, c);
        return c;
    }

    boolean claimClientId(String clientId, ServerConnection c) {
        return clientIds.putIfAbsent(clientId, c) == null;
    }

    void connectionClosed(ServerConnection c) {
        connections.remove(c.id());
        String clientId = c.clientId();
        if (clientId != null) {
            clientIds.remove(clientId, c);
        }
        synchronized (connections) {
            connections.notifyAll();
        }
    }

    /**
     * Waits until every connection has released what it held (consumers closed, temporary destinations deleted),
     * at most {@code timeoutMs}; for a shutdown that must not stop the event loops under that work.
     *
     * @return true if none is left
     */
    public boolean awaitConnectionsReleased(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (connections) {
            while (!connections.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                connections.wait(left);
            }
        }
        return true;
    }

    public Collection<ServerConnection> connections() {
        return List.copyOf(connections.values());
    }

    /** The destination a producer names: created on first use, except a temporary one, which must exist. */
    Destination destinationToSend(WireDestination address, ServerConnection requester) {
        if (address.kind().isTemporary()) {
            return existing(address);
        }
        return getOrCreate(address, requester);
    }

    /**
     * The destination a consumer names. A temporary one must exist and belong to {@code requester}.
     *
     * @throws BrokerException with {@link ErrorCode#INVALID_DESTINATION} otherwise
     */
    Destination destinationToConsume(WireDestination address, ServerConnection requester) {
        if (!address.kind().isTemporary()) {
            return getOrCreate(address, requester);
        }
        Destination d = existing(address);
        if (d == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION,
                    "temporary destination " + address.name() + " does not exist");
        }
        if (d.owner() != requester) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary destination " + address.name()
                    + " belongs to another connection; only its creator may consume from it");
        }
        return d;
    }

    Destination createTemporary(WireDestination address, ServerConnection owner) {
        Destination d = newDestination(address, 0, owner.executor(), owner);
        if (namespace(address).putIfAbsent(address.name(), d) != null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, address.name() + " already exists");
        }
        return d;
    }

    /** The destination by that name, or null. */
    public Destination existing(WireDestination address) {
        Destination d = namespace(address).get(address.name());
        return d != null && d.address().kind() == address.kind() ? d : null;
    }

    void remove(Destination d) {
        namespace(d.address()).remove(d.name(), d);
    }

    /** @throws BrokerException with {@link ErrorCode#SECURITY} if the destination is new and the creator may not */
    private Destination getOrCreate(WireDestination address, ServerConnection creator) {
        if (namespace(address).get(address.name()) == null) {
            creator.authorize(Operation.CREATE, address);
        }
        return getOrCreate(address, creator.executor());
    }

    /**
     * A queue the broker itself sends to (a dead-letter or expiry queue), created on first use on {@code executor}
     * (that of the destination it takes messages from) like any other.
     */
    Destination internalQueue(String name, EventExecutor executor) {
        return getOrCreate(WireDestination.queue(name), executor);
    }

    private Destination getOrCreate(WireDestination address, EventExecutor executor) {
        ConcurrentHashMap<String, Destination> ns = namespace(address);
        Destination d = ns.get(address.name());
        if (d == null) {
            d = ns.computeIfAbsent(address.name(), n -> created(address, executor));
        }
        if (d.address().kind() != address.kind()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION,
                    address.name() + " is a temporary destination, not a " + address.kind());
        }
        return d;
    }

    /**
     * A destination lives on the event loop of the connection that creates it: a temporary destination's only
     * consumer is its owner, and a queue is most often created by one of its consumers, so deliveries to them
     * need no thread hop. Connections are spread over the loops, and so are destinations.
     */
    private Destination created(WireDestination address, EventExecutor executor) {
        if (store == null) {
            return newDestination(address, 0, executor, null);
        }
        long id = ids.next();
        Destination d = newDestination(address, id, executor, null);
        d.storing(store.destinationCreated(new StoredDestination(id, address.kind().isTopic()
                ? StoredDestination.Kind.TOPIC : StoredDestination.Kind.QUEUE, address.name())));
        return d;
    }

    /** @param id the store's id for it; 0 for one the store does not keep */
    private Destination newDestination(WireDestination address, long id, EventExecutor executor,
                                       ServerConnection owner) {
        Destination.Placement placement = new Destination.Placement(executor, config.maxDestinationMemory(),
                config.maxFrameSize(), store, ids, config.policies().forDestination(address.name()), mover);
        Destination d = address.kind().isTopic()
                ? new TopicDestination(address, id, placement, owner)
                : new QueueDestination(address, id, placement, owner);
        d.scanForExpiry(config.expiryScanPeriod().toMillis());
        return d;
    }

    private ConcurrentHashMap<String, Destination> namespace(WireDestination address) {
        return address.kind().isTopic() ? topics : queues;
    }

    /** Every destination, queues then topics, temporary ones included. */
    public List<Destination> destinations() {
        List<Destination> all = new ArrayList<>(queues.values());
        all.addAll(topics.values());
        return all;
    }
}
