package io.wrenmq.broker;

import io.wrenmq.jms.client.spi.DuplexStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The brokers of this JVM that have a name, which clients reach as {@code vm://name}; at most one per name.
 *
 * <h2>When an in-VM broker starts and stops</h2>
 * <ul>
 *   <li>A broker started with {@link WrenBroker#start} and a {@link BrokerConfig#name() name} is <em>explicit</em>:
 *       it runs until its {@link WrenBroker#close()}, whatever its clients do.</li>
 *   <li>A {@code vm://name} connection for which no broker of that name runs starts one (unless its URL says
 *       {@code create=false}): that broker is <em>implicit</em>, and stops when the last {@code vm://} connection
 *       to it closes, as ActiveMQ's vm transport does. The next {@code vm://name} connection starts a new one.</li>
 * </ul>
 *
 * <p>Thread-safe. Starting, finding and stopping the broker of one name happen under that name's lock, so
 * connections opened at once from many threads get one broker, and a broker starting on a name waits until the
 * previous one has stopped (and released its store).
 */
public final class InVmBrokers {
    private static final Logger log = LoggerFactory.getLogger(InVmBrokers.class);
    private static final ConcurrentHashMap<String, Slot> SLOTS = new ConcurrentHashMap<>();

    private InVmBrokers() {
    }

    /** The running broker reachable as {@code vm://name}, if any. */
    public static Optional<WrenBroker> find(String name) {
        Slot s = SLOTS.get(name);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return Optional.ofNullable(s.broker);
        }
    }

    /** The names of the in-VM brokers that run now. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : SLOTS.keySet()) {
            find(name).ifPresent(b -> names.add(name));
        }
        return names;
    }

    /** The broker of a name, its kind, and how many in-VM connections hold it. Guarded by itself. */
    private static final class Slot {
        WrenBroker broker;
        boolean implicit;
        int connections;
        /** Taken out of the map: whoever finds it retries with the slot now there. */
        boolean retired;
    }

    private interface SlotAction<T, E extends Exception> {
        T apply(Slot slot) throws E;
    }

    /** Runs {@code action} under the lock of the name's slot; a slot left without a broker leaves the map. */
    private static <T, E extends Exception> T withSlot(String name, SlotAction<T, E> action) throws E {
        while (true) {
            Slot s = SLOTS.computeIfAbsent(name, n -> new Slot());
            synchronized (s) {
                if (s.retired) {
                    continue;
                }
                try {
                    return action.apply(s);
                } finally {
                    if (s.broker == null) {
                        s.retired = true;
                        SLOTS.remove(name, s);
                    }
                }
            }
        }
    }

    /** For {@link WrenBroker#start}: starts an explicit broker, or fails if the name is taken. */
    static WrenBroker startExplicit(BrokerConfig config) {
        return withSlot(config.name(), s -> {
            if (s.broker != null) {
                throw new BrokerStartException("a broker named '" + config.name() + "' already runs in this JVM",
                        null);
            }
            s.broker = WrenBroker.launch(config);
            s.implicit = false;
            return s.broker;
        });
    }

    /**
     * A new in-VM connection to the broker named {@code name}. If none runs and {@code create}, starts an implicit
     * one with {@code config}; otherwise {@code running} is shown the running broker's configuration (to warn about
     * options that do not apply). The connection holds the broker until it closes.
     *
     * @throws IOException if no broker runs and {@code create} is false, or the broker closed meanwhile
     * @throws BrokerStartException if the broker cannot start
     */
    static DuplexStream connect(String name, boolean create, Supplier<BrokerConfig> config,
                                Consumer<BrokerConfig> running) throws IOException {
        WrenBroker broker = InVmBrokers.<WrenBroker, IOException>withSlot(name, s -> {
            if (s.broker == null) {
                if (!create) {
                    throw new IOException("no broker named '" + name + "' runs in this JVM, and create=false");
                }
                s.broker = WrenBroker.launch(config.get());
                s.implicit = true;
            } else {
                running.accept(s.broker.config());
            }
            s.connections++;
            return s.broker;
        });
        try {
            return broker.connectInVm(() -> release(name, broker));
        } catch (IOException | RuntimeException e) {
            release(name, broker);
            throw e;
        }
    }

    /** An in-VM connection to {@code broker} closed; the last one to an implicit broker stops it. */
    private static void release(String name, WrenBroker broker) {
        withSlot(name, s -> {
            if (s.broker != broker) {
                // Stopped already, and perhaps replaced: this connection held the old one.
                return null;
            }
            s.connections--;
            if (s.connections == 0 && s.implicit) {
                log.debug("The last in-VM connection to '{}' closed; stopping the broker", name);
                s.broker = null;
                try {
                    broker.stop();
                } catch (RuntimeException e) {
                    // The client is closing its connection, or learning that it failed: not the place to throw.
                    log.warn("Stopping the in-VM broker '{}' failed", name, e);
                }
            }
            return null;
        });
    }

    /** For {@link WrenBroker#close}: stops a named broker, under its name's lock, and forgets it. */
    static void stop(WrenBroker broker) {
        withSlot(broker.config().name(), s -> {
            if (s.broker == broker) {
                s.broker = null;
            }
            broker.stop();
            return null;
        });
    }
}
