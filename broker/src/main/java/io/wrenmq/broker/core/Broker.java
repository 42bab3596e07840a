package io.wrenmq.broker.core;

import io.netty.util.concurrent.EventExecutor;
import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.WireDestination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    private final BrokerConfig config;
    private final String brokerId = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffL, 36);
    private final AtomicLong connectionSequence = new AtomicLong();
    private final ConcurrentHashMap<String, Destination> queues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Destination> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerConnection> clientIds = new ConcurrentHashMap<>();

    public Broker(BrokerConfig config) {
        this.config = config;
    }

    /**
     * Admits a client that said hello.
     *
     * @throws BrokerException with {@link ErrorCode#INVALID_CLIENT_ID} if its client id is taken
     */
    public ServerConnection openConnection(ClientChannel channel, EventExecutor executor, String clientId) {
        String id = brokerId + "-" + connectionSequence.incrementAndGet();
        ServerConnection c = new ServerConnection(this, id, channel, executor, config.sendWindow());
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
        Destination d = newDestination(address, owner.executor(), owner);
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

    private Destination getOrCreate(WireDestination address, ServerConnection creator) {
        ConcurrentHashMap<String, Destination> ns = namespace(address);
        Destination d = ns.get(address.name());
        if (d == null) {
            d = ns.computeIfAbsent(address.name(), n -> newDestination(address, creator.executor(), null));
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
    private Destination newDestination(WireDestination address, EventExecutor executor, ServerConnection owner) {
        long limit = config.maxDestinationMemory();
        return address.kind().isTopic()
                ? new TopicDestination(address, executor, limit, owner)
                : new QueueDestination(address, executor, limit, owner);
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
