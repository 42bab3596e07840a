package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.protocol.AckFrame;
import io.wrenmq.protocol.AckKind;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that stop reading, producers that never stop, peers that go silent: the broker's memory stays bounded,
 * a full destination holds back or refuses as configured, and heartbeats find a dead peer on either side.
 */
@DisplayName("Slow and dead clients: bounded buffers, full destinations, heartbeats")
class SlowAndDeadClientsTest extends JmsTestSupport {
    private static final int AUTO_ACKNOWLEDGE = Session.AUTO_ACKNOWLEDGE;
    private static final long HEARTBEAT_MS = 300;

    @Test
    @DisplayName("a consumer with a huge prefetch whose client stops reading its socket gets only what the socket "
            + "and the connection's outbound buffer hold; the rest waits in the queue, and all of it arrives once "
            + "the client reads again")
    void consumerThatStopsReadingDoesNotMakeTheBrokerBuffer() throws Exception {
        int total = 6000;
        int body = 4 * 1024;
        try (WrenBroker broker = Broker.startDedicated(b -> b.persistent(false));
             RawClient stalled = RawClient.handshaken(broker.port(), 16 * 1024)) {
            String name = uniqueName();
            stalled.openSession(1, AUTO_ACKNOWLEDGE);
            stalled.openConsumer(1, 1, name, 1_000_000);

            Session s = track(new WrenConnectionFactory(Broker.url(broker, null)).createConnection())
                    .createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            new NumberedSender(s, p, total, body).finish(Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(10)).until(() -> stats(broker, name).enqueued() == total);
            AtomicLong lastInFlight = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lastInFlight.getAndSet(stats(broker, name).inFlight()) == lastInFlight.get());
            long pushed = stats(broker, name).inFlight();
            // Socket buffers on both ends (the kernel's send buffer grows to 4 MiB) + 1 MiB Netty high-water mark
            // + 1 MiB outbox: about 6 MiB, far below the 24 MiB sent.
            assertTrue(pushed * body <= 12L * 1024 * 1024, pushed + " messages of " + body + " bytes went to a "
                    + "client that reads nothing");
            assertEquals(total, stats(broker, name).depth(), "nothing is lost meanwhile");

            Set<Long> deliveries = new HashSet<>();
            while (deliveries.size() < total) {
                Frame f = stalled.readSkippingPings();
                assertNotNull(f, "the broker closed the connection after " + deliveries.size() + " deliveries");
                DeliverFrame d = assertInstanceOf(DeliverFrame.class, f);
                assertTrue(deliveries.add(d.deliveryId()), "delivered twice: " + d.deliveryId());
                stalled.write(new AckFrame(1, d.deliveryId(), AckKind.CONSUMED_ONE, 1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(broker, name).depth() == 0);
        }
    }

    private static DestinationStats stats(WrenBroker broker, String queue) {
        return broker.queueStats(queue).orElseThrow();
    }

    @Test
    @DisplayName("full-policy fail: a send past max-destination-memory gets ResourceAllocationException, an "
            + "asynchronous one its CompletionListener's onException; memory stays bounded, and once consumers "
            + "make room sends succeed again; a destination without the policy still holds its producer back")
    void fullPolicyFailRefusesSendsPastTheLimit() throws Exception {
        int limit = 32 * 1024;
        try (WrenBroker broker = Broker.startDedicated(b -> b.persistent(false).maxFrameSize(16 * 1024)
                .maxDestinationMemory(limit).policy("refusing.#", "full-policy", "fail"))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(broker, null));
            Connection c = track(f.createConnection());
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            String name = "refusing." + uniqueName();
            Queue q = s.createQueue(name);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            int accepted = 0;
            ResourceAllocationException refused = null;
            while (refused == null && accepted < 1000) {
                try {
                    p.send(twoKiB(s));
                    accepted++;
                } catch (ResourceAllocationException e) {
                    refused = e;
                }
            }
            assertNotNull(refused, "1000 sends into a 32 KiB queue, none refused");
            assertTrue(refused.getMessage().contains("full-policy"), refused.getMessage());
            assertTrue(stats(broker, name).memoryBytes() <= limit, "over the limit: " + stats(broker, name));

            CompletableFuture<Exception> async = new CompletableFuture<>();
            p.send(twoKiB(s), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    async.complete(null);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    async.complete(exception);
                }
            });
            assertInstanceOf(ResourceAllocationException.class, async.get(10, TimeUnit.SECONDS));

            c.start();
            MessageConsumer consumer = s.createConsumer(q);
            for (int i = 0; i < 10; i++) {
                assertNotNull(consumer.receive(5000));
            }
            consumer.close();
            p.send(s.createTextMessage("room again"));

            // The default is still block: the producer of another queue is held back, not refused.
            Session other = track(f.createConnection()).createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer blocking = other.createProducer(other.createQueue(uniqueName()));
            NumberedSender sender = new NumberedSender(other, blocking, 1000, 2048);
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.isDone() || sender.isBlocked());
            assertTrue(!sender.isDone(), "a blocking queue took 2 MiB into 32 KiB");
        }
    }

    @Test
    @DisplayName("full-policy fail: non-persistent sends, which do not wait for the broker, are dropped past the "
            + "limit and the ExceptionListener hears ResourceAllocationException once; the connection goes on")
    void fullPolicyFailTellsTheExceptionListenerOfDroppedNonPersistentSends() throws Exception {
        try (WrenBroker broker = Broker.startDedicated(b -> b.persistent(false).maxFrameSize(16 * 1024)
                .maxDestinationMemory(32 * 1024).set("full-policy", "fail"))) {
            Connection c = track(new WrenConnectionFactory(Broker.url(broker, null)).createConnection());
            List<JMSException> told = new CopyOnWriteArrayList<>();
            c.setExceptionListener(told::add);
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            String name = uniqueName();
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < 100; i++) {
                p.send(twoKiB(s));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
            assertInstanceOf(ResourceAllocationException.class, told.get(0));
            assertTrue(told.get(0).getMessage().contains("full-policy"), told.get(0).getMessage());
            long kept = stats(broker, name).depth();
            assertTrue(kept > 0 && kept < 100, kept + " of 100 kept");

            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(name));
            for (long i = 0; i < kept; i++) {
                assertNotNull(consumer.receive(5000), "the connection still works");
            }
            assertEquals(1, told.size(), "told once, not once per dropped message: " + told);
        }
    }

    private static WrenBroker heartbeatBroker() {
        return Broker.startDedicated(b -> b.persistent(false).heartbeat(Duration.ofMillis(HEARTBEAT_MS)));
    }

    /** Connects to {@code url} (and opens a session, so the connection is in use); completes when it fails. */
    private CompletableFuture<JMSException> failureOf(String url) throws JMSException {
        Connection c = track(new WrenConnectionFactory(url).createConnection());
        CompletableFuture<JMSException> failed = new CompletableFuture<>();
        c.setExceptionListener(failed::complete);
        c.createSession(Session.AUTO_ACKNOWLEDGE).close();
        return failed;
    }

    private static Message twoKiB(Session s) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(new byte[2048]);
        return m;
    }

    @Test
    @DisplayName("a client that completed the handshake and then says nothing, not even pings, is dropped within "
            + "about three heartbeat intervals, with a reason; a client that pings stays")
    void brokerDropsAClientThatWentSilent() throws Exception {
        try (WrenBroker broker = heartbeatBroker()) {
            CompletableFuture<JMSException> healthyFailed = failureOf(Broker.url(broker, null));
            try (RawClient silent = RawClient.handshaken(broker.port(), 0)) {
                long start = System.nanoTime();
                ErrorFrame reason = silent.readUntilClosed(Duration.ofSeconds(30));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertNotNull(reason, "closed without saying why");
                assertTrue(reason.message().contains("nothing heard"), reason.message());
                // 3 intervals, and the idle check's own period; generous for a loaded machine.
                assertTrue(tookMs < 10 * HEARTBEAT_MS + 5000, "dropped only after " + tookMs + " ms");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.connectionCount() == 1);
            assertTrue(!healthyFailed.isDone(), "the pinging client was dropped too: " + healthyFailed.getNow(null));
        }
    }

    @Test
    @DisplayName("a broker that goes silent without closing the connection (a hung network) is noticed by the "
            + "client within its heartbeat window, and the ExceptionListener is told")
    void clientNoticesABrokerThatWentSilent() throws Exception {
        try (WrenBroker broker = heartbeatBroker();
             CuttableProxy proxy = new CuttableProxy(broker.port())) {
            CompletableFuture<JMSException> told = failureOf(proxy.url());

            long start = System.nanoTime();
            proxy.freeze();
            JMSException e = told.get(30, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("nothing heard from the broker"), e.getMessage());
            assertTrue(tookMs < 10 * HEARTBEAT_MS + 5000, "noticed only after " + tookMs + " ms");
        }
    }
}
