package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistence issue's guarantees, each against a broker of its own that the test stops cleanly and starts again
 * on the same store (a new {@link WrenBroker} on the same data directory, on a port of its own): what survives a
 * restart, how it comes back, and what the database holds when the broker answers. Here the store is the embedded
 * H2 database; {@link PostgresPersistenceTest} runs every test again on PostgreSQL. {@code BrokerCrashTest} does the
 * same with {@code kill -9}.
 */
@DisplayName("Persistence: the store keeps what it must, and a restarted broker restores it")
class PersistenceTest extends JmsTestSupport {
    private static final Duration RECEIVE = Duration.ofSeconds(10);
    private static final long NOTHING_MORE_MS = 300;
    /** The paging tests' memory limit, largest message, and the size of their messages. */
    private static final int SMALL_LIMIT = 64 * 1024;
    private static final int SMALL_FRAME = 16 * 1024;
    private static final int SMALL_MESSAGE = 4 * 1024;

    private Path dataDir;
    private StoreDatabase database;
    private UnaryOperator<BrokerConfig.Builder> limits;
    private WrenBroker broker;

    /** The database for one test's store: the embedded H2 one in the broker's data directory. */
    protected StoreDatabase newDatabase(Path brokerDataDir) {
        return StoreDatabase.embedded(brokerDataDir);
    }

    /** Called once the test's broker has stopped for good. */
    protected void release(StoreDatabase used) {
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (database != null) {
            release(database);
            database = null;
        }
    }

    @Test
    void persistentQueueMessagesSurviveARestartInPriorityThenArrivalOrder() throws Exception {
        QueueClient client = startWithQueue(Session.AUTO_ACKNOWLEDGE);
        Queue queue = client.queue();
        int[] priorities = {4, 9, 0, 4, 7, 9, 1, 4, 0, 7, 5, 9, 4, 2, 8};
        for (int n = 0; n < priorities.length; n++) {
            client.send(n, DeliveryMode.PERSISTENT, priorities[n]);
        }

        restart();
        // Higher priority first, then in the order sent.
        List<Integer> expected = IntStream.range(0, priorities.length).boxed()
                .sorted(Comparator.comparingInt((Integer n) -> -priorities[n]).thenComparingInt(n -> n)).toList();
        List<Message> received = receiveExactly(queue, expected);
        for (Message m : received) {
            assertEquals(priorities[m.getIntProperty("n")], m.getJMSPriority());
            assertFirstDelivery(m);
        }
    }

    @Test
    void nonPersistentMessagesNeverReachTheStoreAndDoNotSurviveARestart() throws Exception {
        QueueClient client = startWithQueue(Session.AUTO_ACKNOWLEDGE);
        Queue queue = client.queue();
        for (int n = 0; n < 20; n++) {
            client.send(n, n % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, 4);
        }
        await().atMost(RECEIVE).until(() -> stats(queue).depth() == 20);
        assertEquals(10, database.count("SELECT COUNT(*) FROM wren_message"), "only the persistent ones are stored");

        restart();
        receiveExactly(queue, List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18));
    }

    @Test
    void aMessageSeenAndNotAcknowledgedComesBackFlaggedWithItsDeliveryCountRaised() throws Exception {
        QueueClient client = startWithQueue(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = client.queue();
        MessageConsumer consumer = client.session().createConsumer(queue);
        client.send(0, DeliveryMode.PERSISTENT, 4);
        assertFirstDelivery(consumer.receive(RECEIVE.toMillis()));
        // Closed, the consumer takes nothing more; message 0 stays delivered and unacknowledged in the session.
        consumer.close();
        client.send(1, DeliveryMode.PERSISTENT, 4);
        client.send(2, DeliveryMode.PERSISTENT, 4);

        restart();
        Session again = connect(null).createSession(Session.CLIENT_ACKNOWLEDGE);
        List<Message> back = receive(again.createConsumer(queue), 3);
        assertEquals(List.of(0, 1, 2), numbers(back));
        assertRedelivery(back.get(0), 2);
        assertFirstDelivery(back.get(1));
        assertFirstDelivery(back.get(2));

        restart();
        Session third = connect(null).createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer last = third.createConsumer(queue);
        back = receive(last, 3);
        assertEquals(List.of(0, 1, 2), numbers(back));
        assertRedelivery(back.get(0), 3);
        assertRedelivery(back.get(1), 2);
        assertRedelivery(back.get(2), 2);
        back.get(2).acknowledge();

        restart();
        receiveExactly(queue, List.of());
    }

    @Test
    void anAcknowledgementHasLeftTheStoreWhenAcknowledgeReturns() throws Exception {
        QueueClient client = startWithQueue(Session.CLIENT_ACKNOWLEDGE);
        sendPersistent(client.session(), client.queue(), 0, 10);
        List<Message> firstFour = receive(client.session().createConsumer(client.queue()), 4);
        assertEquals(10, database.count("SELECT COUNT(*) FROM wren_reference"));
        firstFour.get(3).acknowledge();
        assertEquals(6, database.count("SELECT COUNT(*) FROM wren_reference"));
        assertEquals(6, database.count("SELECT COUNT(*) FROM wren_message"));

        restart();
        receiveExactly(client.queue(), List.of(4, 5, 6, 7, 8, 9));
    }

    @Test
    void aPersistentSendIsCommittedToTheStoreWhenItReturns() throws Exception {
        QueueClient client = startWithQueue(Session.AUTO_ACKNOWLEDGE);
        Queue queue = client.queue();
        for (int n = 0; n < 20; n++) {
            client.send(n, DeliveryMode.PERSISTENT, 4);
            assertEquals(n + 1, database.count("SELECT COUNT(*) FROM wren_reference"),
                    "send " + n + " returned before the store committed it");
        }

        restart();
        receiveExactly(queue, IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void queuesAndTopicsStillExistAfterARestartButTemporaryQueuesDoNot() throws Exception {
        start(b -> b);
        Session session = connect(null).createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(uniqueName());
        Topic topic = session.createTopic(uniqueName());
        session.createConsumer(queue).close();
        session.createConsumer(topic).close();
        String temporary = session.createTemporaryQueue().getQueueName();
        assertTrue(destinationNames().contains(temporary));

        restart();
        assertTrue(broker.queueStats(queue.getQueueName()).isPresent(), "the queue is gone");
        assertTrue(broker.topicStats(topic.getTopicName()).isPresent(), "the topic is gone");
        assertFalse(broker.topicStats(queue.getQueueName()).isPresent(), "the queue came back as a topic");
        assertFalse(destinationNames().contains(temporary), "a temporary queue came back");
    }

    private List<String> destinationNames() {
        return broker.allStats().stream().map(DestinationStats::name).toList();
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileItsConsumerIsAwayAcrossARestart() throws Exception {
        start(b -> b);
        Session session = connect("durable-client").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = publishWhileAway(session, "keeps", 5);
        assertEquals(5, stats(topic).depth());

        restart();
        assertEquals(1, broker.durableSubscriptionCount());
        Session again = connect("durable-client").createSession(Session.AUTO_ACKNOWLEDGE);
        sendPersistent(again, topic, 5, 6);
        MessageConsumer consumer = again.createDurableConsumer(topic, "keeps");
        List<Message> received = receive(consumer, 6);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), numbers(received));
        for (Message m : received) {
            assertFirstDelivery(m);
        }
        assertNull(consumer.receive(NOTHING_MORE_MS));
    }

    @Test
    void aDurableSubscriptionAndItsTopicAreStoredBeforeCreateDurableConsumerReturns() throws Exception {
        start(b -> b);
        Session session = connect("subscribing-client").createSession(Session.AUTO_ACKNOWLEDGE);
        session.createDurableConsumer(session.createTopic("stored-at-once"), "kept");
        assertEquals(1, database.count("SELECT COUNT(*) FROM wren_subscription"),
                "createDurableConsumer returned before the store had the subscription");
        assertEquals(1, database.count("SELECT COUNT(*) FROM wren_destination WHERE name = 'stored-at-once'"),
                "createDurableConsumer returned before the store had the topic");
    }

    @Test
    void unsubscribeRemovesADurableSubscriptionForGood() throws Exception {
        start(b -> b);
        Session session = connect("unsubscribing-client").createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = publishWhileAway(session, "goes", 3);
        assertEquals(1, database.count("SELECT COUNT(*) FROM wren_subscription"));
        session.unsubscribe("goes");
        assertEquals(0, broker.durableSubscriptionCount());
        assertEquals(0, database.count("SELECT COUNT(*) FROM wren_subscription"),
                "unsubscribe returned before the store removed the subscription");
        assertEquals(0, database.count("SELECT COUNT(*) FROM wren_reference"), "its messages are still stored");

        restart();
        assertEquals(0, broker.durableSubscriptionCount());
        Session again = connect("unsubscribing-client").createSession(Session.AUTO_ACKNOWLEDGE);
        assertNull(again.createDurableConsumer(topic, "goes").receive(NOTHING_MORE_MS),
                "a new subscription by the old name got the old one's messages");
    }

    @Test
    void aSharedDurableSubscriptionSurvivesARestartUntilUnsubscribed() throws Exception {
        start(b -> b);
        Connection connection = connect(null);
        Topic topic = connection.createSession(Session.AUTO_ACKNOWLEDGE).createTopic(uniqueName());
        MessageConsumer one = connection.createSession(Session.AUTO_ACKNOWLEDGE)
                .createSharedDurableConsumer(topic, "shared");
        MessageConsumer two = connection.createSession(Session.AUTO_ACKNOWLEDGE)
                .createSharedDurableConsumer(topic, "shared");
        one.close();
        two.close();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        sendPersistent(session, topic, 0, 6);

        restart();
        assertEquals(1, broker.durableSubscriptionCount());
        Session again = connect(null).createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = again.createSharedDurableConsumer(topic, "shared");
        assertEquals(List.of(0, 1, 2, 3, 4, 5), numbers(receive(consumer, 6)));
        consumer.close();
        again.unsubscribe("shared");
        assertEquals(0, broker.durableSubscriptionCount());

        restart();
        assertEquals(0, broker.durableSubscriptionCount());
    }

    @Test
    void aBacklogLargerThanTheMemoryLimitIsPagedThroughInOrderAcrossARestart() throws Exception {
        int prefetch = 10;
        int count = 1000;
        long bound = memoryBound(prefetch);
        String options = "prefetch=" + prefetch;
        QueueClient client = startSmall(options, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = client.queue();
        long peak = 0;
        for (int n = 0; n < count; n++) {
            client.sendBytes(n, SMALL_MESSAGE);
            peak = Math.max(peak, stats(queue).memoryBytes());
        }
        assertEquals(count, stats(queue).depth());
        assertTrue(peak <= bound, "the backlog took " + peak + " bytes of memory; the limit is "
                + SMALL_LIMIT);

        peak = drain(client.session().createConsumer(queue), 0, count / 3);
        assertTrue(peak <= bound, "paging the backlog in took " + peak + " bytes of memory; the limit is "
                + SMALL_LIMIT);

        restart();
        MessageConsumer consumer = connect(null, options).createSession(Session.CLIENT_ACKNOWLEDGE)
                .createConsumer(queue);
        peak = drain(consumer, count / 3, count);
        assertTrue(peak <= bound, "paging the backlog in after the restart took " + peak + " bytes of memory; the"
                + " limit is " + SMALL_LIMIT);
        assertNull(consumer.receive(NOTHING_MORE_MS));
    }

    @Test
    void aLowPriorityMessageThatWentThroughLongAgoDoesNotStopThePaging() throws Exception {
        QueueClient client = startSmall(null, Session.AUTO_ACKNOWLEDGE);
        Queue queue = client.queue();
        client.send(-1, DeliveryMode.PERSISTENT, 0);
        MessageConsumer consumer = client.session().createConsumer(queue);
        receive(consumer, 1);
        consumer.close();
        await().atMost(RECEIVE).until(() -> stats(queue).depth() == 0);

        long peak = 0;
        for (int n = 0; n < 200; n++) {
            client.sendBytes(n, SMALL_MESSAGE);
            peak = Math.max(peak, stats(queue).memoryBytes());
        }
        assertTrue(peak <= memoryBound(0), "a backlog of priority 4 took " + peak + " bytes of memory; the"
                + " limit is " + SMALL_LIMIT);
    }

    @Test
    void higherPriorityMessagesArrivingBehindAPagedBacklogArePagedToo() throws Exception {
        int prefetch = 5;
        long bound = memoryBound(prefetch);
        QueueClient client = startSmall("prefetch=" + prefetch, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = client.queue();
        for (int n = 0; n < 40; n++) {
            client.sendBytes(n, SMALL_MESSAGE, 0);
        }
        // Two seen and some prefetched: in flight while the cursor moves back before them.
        MessageConsumer consumer = client.session().createConsumer(queue);
        assertEquals(List.of(0, 1), numbers(receive(consumer, 2)));
        long peak = 0;
        for (int n = 100; n < 200; n++) {
            client.sendBytes(n, SMALL_MESSAGE, 9);
            peak = Math.max(peak, stats(queue).memoryBytes());
        }
        assertTrue(peak <= bound, "messages of priority 9 took " + peak + " bytes of memory; the limit is "
                + SMALL_LIMIT);

        client.session().recover();
        List<Integer> expected = new ArrayList<>(IntStream.range(100, 200).boxed().toList());
        expected.addAll(IntStream.range(0, 40).boxed().toList());
        List<Message> all = receive(consumer, expected.size());
        assertEquals(expected, numbers(all), "each once, by priority then in the order sent");
        assertRedelivery(all.get(100), 2);
        assertRedelivery(all.get(101), 2);
        all.get(all.size() - 1).acknowledge();
        assertNull(consumer.receive(NOTHING_MORE_MS));
        assertEquals(0, stats(queue).depth());
    }

    @Test
    void aConsumerThatAcknowledgesOnlyAfterMoreThanTheMemoryLimitStillGetsTheWholeBacklog() throws Exception {
        QueueClient client = startSmall(null, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = client.queue();
        int count = 60;
        for (int n = 0; n < count; n++) {
            client.sendBytes(n, SMALL_MESSAGE);
        }
        // Four times the limit, unacknowledged until the end: the deliveries held must not stop the paging.
        List<Message> all = receive(client.session().createConsumer(queue), count);
        assertEquals(IntStream.range(0, count).boxed().toList(), numbers(all));
        all.get(count - 1).acknowledge();
        assertEquals(0, stats(queue).depth());
    }

    /**
     * Receives messages {@code from} to {@code to} (excluded) in order, acknowledging each in a CLIENT_ACKNOWLEDGE
     * session, and returns the most memory the queue held after a receive.
     */
    private long drain(MessageConsumer consumer, int from, int to) throws JMSException {
        long peak = 0;
        for (int n = from; n < to; n++) {
            Message m = consumer.receive(RECEIVE.toMillis());
            assertNotNull(m, "message " + n + " did not come");
            assertEquals(n, m.getIntProperty("n"), "out of order");
            peak = Math.max(peak, stats(m.getJMSDestination()).memoryBytes());
            m.acknowledge();
        }
        return peak;
    }

    /**
     * What a queue of the paging tests may hold in memory: waiting messages up to the limit, plus the one that
     * crosses it; deliveries not yet acknowledged, up to the consumer's window plus the one the application holds.
     * A message's bytes, its headers and the broker's allowance per message come to less than its body plus 1 KiB.
     */
    private static long memoryBound(int prefetch) {
        return SMALL_LIMIT + (1 + prefetch + 1) * (SMALL_MESSAGE + 1024L);
    }

    // Brokers

    /** Starts this test's broker with the paging tests' small limits, and a client of a queue of its own. */
    private QueueClient startSmall(String urlOptions, int ackMode) throws JMSException {
        start(b -> b.maxFrameSize(SMALL_FRAME).maxDestinationMemory(SMALL_LIMIT));
        return queueClient(connect(null, urlOptions).createSession(ackMode));
    }

    /** Starts this test's broker on a new store, with {@code limits} now and at every restart. */
    private void start(UnaryOperator<BrokerConfig.Builder> brokerLimits) {
        dataDir = Broker.freshDataDir();
        database = newDatabase(dataDir);
        limits = brokerLimits;
        broker = startOnStore();
    }

    /** Stops the broker cleanly and starts a new one on the same store, on a port of its own. */
    private void restart() {
        broker.close();
        broker = null;
        broker = startOnStore();
    }

    private WrenBroker startOnStore() {
        return Broker.startDedicated(b -> database.configure(limits.apply(b.dataDir(dataDir))));
    }

    private DestinationStats stats(Destination d) throws JMSException {
        Optional<DestinationStats> stats = d instanceof Topic t ? broker.topicStats(t.getTopicName())
                : broker.queueStats(((Queue) d).getQueueName());
        return stats.orElseThrow(() -> new AssertionError(d + " does not exist"));
    }

    /** A started connection to the current broker, closed after the test. */
    private Connection connect(String clientId) throws JMSException {
        return connect(clientId, null);
    }

    /** A started connection to the current broker with URL options, closed after the test. */
    private Connection connect(String clientId, String urlOptions) throws JMSException {
        Connection c = track(new WrenConnectionFactory(Broker.url(broker, urlOptions)).createConnection());
        if (clientId != null) {
            c.setClientID(clientId);
        }
        c.start();
        return c;
    }

    /**
     * Receives exactly the messages numbered {@code expected}, in that order, with a new AUTO_ACKNOWLEDGE consumer,
     * and then nothing more.
     */
    private List<Message> receiveExactly(Queue queue, List<Integer> expected) throws JMSException {
        MessageConsumer consumer = connect(null).createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        List<Message> received = receive(consumer, expected.size());
        assertEquals(expected, numbers(received));
        assertNull(consumer.receive(NOTHING_MORE_MS), "more came after " + expected);
        return received;
    }

    // Messages

    /**
     * Creates durable subscription {@code name} to a new topic and closes its consumer, then publishes
     * {@code count} persistent messages numbered from 0 to the topic.
     */
    private Topic publishWhileAway(Session session, String name, int count) throws JMSException {
        Topic topic = session.createTopic(uniqueName());
        session.createDurableConsumer(topic, name).close();
        sendPersistent(session, topic, 0, count);
        return topic;
    }

    /** Sends persistent messages numbered {@code from} to {@code to} (excluded), of the default priority. */
    private static void sendPersistent(Session session, Destination destination, int from, int to)
            throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (int n = from; n < to; n++) {
            send(session, producer, n, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY);
        }
    }

    /** Sends a message numbered {@code n} (int property "n") and returns once {@code send} has. */
    private static void send(Session session, MessageProducer producer, int n, int deliveryMode, int priority)
            throws JMSException {
        Message m = session.createMessage();
        m.setIntProperty("n", n);
        producer.send(m, deliveryMode, priority, Message.DEFAULT_TIME_TO_LIVE);
    }

    /** A session of a new connection, a queue of the test's own, and a producer to it. */
    private record QueueClient(Session session, Queue queue, MessageProducer producer) {
        /** Sends a message numbered {@code n} and returns once {@code send} has. */
        void send(int n, int deliveryMode, int priority) throws JMSException {
            PersistenceTest.send(session, producer, n, deliveryMode, priority);
        }

        /** Sends a persistent BytesMessage of {@code size} bytes numbered {@code n}, of the default priority. */
        void sendBytes(int n, int size) throws JMSException {
            sendBytes(n, size, Message.DEFAULT_PRIORITY);
        }

        void sendBytes(int n, int size, int priority) throws JMSException {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(new byte[size]);
            m.setIntProperty("n", n);
            producer.send(m, DeliveryMode.PERSISTENT, priority, Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    /** Starts this test's broker with the default limits, and a client of a queue of its own. */
    private QueueClient startWithQueue(int ackMode) throws JMSException {
        start(b -> b);
        return queueClient(connect(null).createSession(ackMode));
    }

    private QueueClient queueClient(Session session) throws JMSException {
        Queue queue = session.createQueue(uniqueName());
        return new QueueClient(session, queue, session.createProducer(queue));
    }

    private static List<Message> receive(MessageConsumer consumer, int count) throws JMSException {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(RECEIVE.toMillis());
            assertNotNull(m, "received " + numbers(received) + ", then nothing; expected " + count + " messages");
            received.add(m);
        }
        return received;
    }

    private static List<Integer> numbers(List<Message> messages) throws JMSException {
        List<Integer> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(m.getIntProperty("n"));
        }
        return out;
    }

    private static void assertFirstDelivery(Message m) throws JMSException {
        assertNotNull(m);
        assertFalse(m.getJMSRedelivered(), "message " + m.getIntProperty("n") + " came back flagged redelivered");
        assertEquals(1, m.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount of " + m.getIntProperty("n"));
    }

    private static void assertRedelivery(Message m, int deliveryCount) throws JMSException {
        assertTrue(m.getJMSRedelivered(), "message " + m.getIntProperty("n") + " came back unflagged");
        assertEquals(deliveryCount, m.getIntProperty("JMSXDeliveryCount"),
                "JMSXDeliveryCount of " + m.getIntProperty("n"));
    }
}
