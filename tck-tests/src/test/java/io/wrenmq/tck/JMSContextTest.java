package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, the javadoc of {@code JMSContext} and {@code ConnectionFactory.createContext}, and section
 * 2.8 (the simplified API).
 */
@DisplayName("JMSContext (javadoc of JMSContext and ConnectionFactory.createContext)")
class JMSContextTest extends ContextTestSupport {

    private static int connections() {
        return Broker.get().connectionCount();
    }

    private static void awaitConnections(int expected) {
        await().atMost(Duration.ofSeconds(5)).until(() -> connections() == expected);
    }

    @Test
    @DisplayName("createContext: every variant makes a working context; getSessionMode is the mode given, "
            + "AUTO_ACKNOWLEDGE when none is")
    void everyCreateContextVariantWorksInItsMode() {
        JMSContext plain = context();
        JMSContext withUser = tracked(factory.createContext("app", "secret"));
        JMSContext client = context(JMSContext.CLIENT_ACKNOWLEDGE);
        JMSContext dupsOk = tracked(factory.createContext("app", "secret", JMSContext.DUPS_OK_ACKNOWLEDGE));
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, plain.getSessionMode());
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, withUser.getSessionMode());
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, client.getSessionMode());
        assertEquals(JMSContext.DUPS_OK_ACKNOWLEDGE, dupsOk.getSessionMode());
        for (JMSContext ctx : List.of(plain, withUser, client, dupsOk)) {
            assertFalse(ctx.getTransacted());
            Queue q = ctx.createQueue(uniqueName());
            ctx.createProducer().send(q, "hello");
            assertEquals("hello", ctx.createConsumer(q).receiveBody(String.class, 5000));
            ctx.acknowledge();
        }
    }

    @Test
    @DisplayName("an invalid session mode is JMSRuntimeException and leaves no connection open; SESSION_TRANSACTED "
            + "makes a transacted context")
    void invalidModesAreRefusedAndTransactedIsAccepted() {
        JMSContext ctx = context();
        int before = connections();
        for (int mode : List.of(42, -2)) {
            JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> factory.createContext(mode));
            assertEquals(JMSRuntimeException.class, e.getClass());
            assertThrows(JMSRuntimeException.class, () -> factory.createContext("app", "secret", mode));
            assertThrows(JMSRuntimeException.class, () -> ctx.createContext(mode));
        }
        assertEquals(before, connections());
        try (JMSContext transacted = factory.createContext(JMSContext.SESSION_TRANSACTED);
             JMSContext shared = ctx.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertTrue(transacted.getTransacted());
            assertEquals(JMSContext.SESSION_TRANSACTED, shared.getSessionMode());
        }
    }

    @Test
    @DisplayName("createContext(int) shares the connection; closing one context keeps the others working, and the "
            + "connection closes with the last")
    void contextsShareOneConnectionThatClosesWithTheLast() {
        int before = connections();
        JMSContext first = context();
        awaitConnections(before + 1);
        JMSContext second = tracked(first.createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        JMSContext third = tracked(second.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, second.getSessionMode());
        Queue q = first.createQueue(uniqueName());
        first.createProducer().send(q, "from first");
        JMSConsumer onSecond = second.createConsumer(q);
        assertEquals("from first", onSecond.receiveBody(String.class, 5000));
        second.acknowledge();
        onSecond.close();
        assertEquals(before + 1, connections(), "three contexts, one connection");

        first.close();
        third.createProducer().send(q, "after first closed");
        assertEquals("after first closed", third.createConsumer(q).receiveBody(String.class, 5000));
        assertThrows(IllegalStateRuntimeException.class, () -> first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        second.close();
        assertEquals(before + 1, connections(), "one context left");
        third.close();
        awaitConnections(before);
    }

    @Test
    @DisplayName("creating a consumer starts the connection (auto-start); createContext(int) does not start it, "
            + "and a consumer on any context of the connection does")
    void creatingAConsumerStartsTheConnection() {
        Queue q = context().createQueue(uniqueName());
        JMSContext first = context();
        assertTrue(first.getAutoStart());
        first.setAutoStart(false);
        assertFalse(first.getAutoStart());
        JMSConsumer held = first.createConsumer(q);
        JMSContext second = tracked(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertTrue(second.getAutoStart(), "the flag is per context");
        second.createProducer().send(q, "a");
        assertNull(held.receive(300), "not started: neither by first's consumer nor by createContext");

        second.createConsumer(second.createQueue(uniqueName()));
        assertEquals("a", held.receiveBody(String.class, 5000), "second's consumer started the shared connection");
    }

    @Test
    @DisplayName("start and stop: a stopped context delivers nothing until started again")
    void stopHoldsDeliveryBackUntilStart() {
        JMSContext ctx = context();
        ctx.setAutoStart(false);
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        JMSProducer p = ctx.createProducer().send(q, "a");
        assertNull(consumer.receive(300), "never started");
        ctx.start();
        assertEquals("a", consumer.receiveBody(String.class, 5000));
        ctx.stop();
        p.send(q, "b");
        assertNull(consumer.receive(300), "stopped; sending still works");
        ctx.start();
        assertEquals("b", consumer.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("close and stop from a MessageListener of the context are IllegalStateRuntimeException, and the "
            + "context stays open")
    void listenerMayNotCloseOrStopItsOwnContext() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        List<Class<?>> outcomes = new CopyOnWriteArrayList<>();
        ctx.createConsumer(q).setMessageListener(m -> {
            outcomes.add(outcomeOf(ctx::close));
            outcomes.add(outcomeOf(ctx::stop));
        });
        ctx.createProducer().send(q, "a");
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 2);
        assertEquals(List.of(IllegalStateRuntimeException.class, IllegalStateRuntimeException.class),
                new ArrayList<>(outcomes));
        ctx.createProducer().send(q, "b");
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
        ctx.close();
    }

    @Test
    @DisplayName("close from a CompletionListener of the context is IllegalStateRuntimeException, and the context "
            + "stays open")
    void completionListenerMayNotCloseItsOwnContext() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        CompletableFuture<Class<?>> outcome = new CompletableFuture<>();
        ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                outcome.complete(outcomeOf(ctx::close));
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.completeExceptionally(exception);
            }
        }).send(q, "a");
        assertEquals(IllegalStateRuntimeException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals("a", ctx.createConsumer(q).receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("close does not return before the CompletionListeners of earlier asynchronous sends have returned")
    void closeWaitsForCompletionListeners() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        ctx.createProducer().setAsync(Completions.returningAfter(release, returned)).send(q, "a");
        releaseWhenBlocked(release, ctx::close);
        assertTrue(returned.get(), "close returned before the callback did");
    }

    @Test
    @DisplayName("a closed context: close again does nothing; every other method is IllegalStateRuntimeException")
    void closedContextRefusesEverything() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        ctx.close();
        assertDoesNotThrow(ctx::close);
        assertAll(
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::createProducer),
                () -> assertThrows(IllegalStateRuntimeException.class, () -> ctx.createConsumer(q)),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::createTextMessage),
                () -> assertThrows(IllegalStateRuntimeException.class, () -> ctx.createQueue("x")),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::getClientID),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::getMetaData),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::start),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::stop),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::acknowledge),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::recover),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::getSessionMode),
                () -> assertThrows(IllegalStateRuntimeException.class, ctx::getAutoStart),
                () -> assertThrows(IllegalStateRuntimeException.class,
                        () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE)));
    }

    @Test
    @DisplayName("setClientID right after creation sets it; once set, or after any other action, it is "
            + "IllegalStateRuntimeException; a client id in use is InvalidClientIDRuntimeException")
    void clientIdIsSetBeforeAnyOtherAction() {
        String id = uniqueName();
        JMSContext ctx = context();
        assertNull(ctx.getClientID());
        ctx.setClientID(id);
        assertEquals(id, ctx.getClientID());
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(uniqueName()));
        assertEquals(id, tracked(ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE)).getClientID(),
                "the connection's client id");

        JMSContext late = context();
        late.createProducer();
        assertThrows(IllegalStateRuntimeException.class, () -> late.setClientID(uniqueName()));

        JMSContext duplicate = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> duplicate.setClientID(id));
    }

    @Test
    @DisplayName("createContext is an action on the context: setClientID after it is IllegalStateRuntimeException, "
            + "on either context, and the connection keeps no client id")
    void createContextIsAnActionBeforeWhichTheClientIdIsSet() {
        JMSContext ctx = context();
        JMSContext sibling = tracked(ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(uniqueName()));
        assertThrows(IllegalStateRuntimeException.class, () -> sibling.setClientID(uniqueName()));
        assertNull(ctx.getClientID());
    }

    @Test
    @DisplayName("a factory's client id is in use while a context of it is open: a second context from the factory "
            + "is InvalidClientIDRuntimeException")
    void aFactorysClientIdServesOneContextAtATime() {
        WrenConnectionFactory f = new WrenConnectionFactory(Broker.url(null));
        f.setClientID(uniqueName());
        JMSContext first = tracked(f.createContext());
        assertThrows(InvalidClientIDRuntimeException.class, () -> tracked(f.createContext()));
        assertThrows(InvalidClientIDRuntimeException.class,
                () -> tracked(f.createContext(JMSContext.CLIENT_ACKNOWLEDGE)));
        first.close();
        assertEquals(f.getClientID(), tracked(f.createContext()).getClientID());
    }

    @Test
    @DisplayName("a client id set on the factory is the context's; setClientID is then IllegalStateRuntimeException")
    void administrativeClientIdCannotBeChanged() {
        String id = uniqueName();
        WrenConnectionFactory f = new WrenConnectionFactory(Broker.url(null));
        f.setClientID(id);
        JMSContext ctx = tracked(f.createContext());
        assertEquals(id, ctx.getClientID());
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID(uniqueName()));
    }

    @Test
    @DisplayName("getMetaData describes Jakarta Messaging 3.1 and the provider")
    void metaDataDescribesVersionAndProvider() throws JMSException {
        ConnectionMetaData md = context().getMetaData();
        assertEquals("3.1", md.getJMSVersion());
        assertEquals("Wren", md.getJMSProviderName());
    }

    @Test
    @DisplayName("setExceptionListener: getExceptionListener returns it, and it is told when the broker goes away")
    void exceptionListenerIsToldWhenTheBrokerGoesAway() throws Exception {
        try (WrenBroker dedicated = Broker.startDedicated(b -> b)) {
            JMSContext ctx = tracked(new WrenConnectionFactory(dedicated.url()).createContext());
            assertNull(ctx.getExceptionListener());
            CompletableFuture<JMSException> failure = new CompletableFuture<>();
            ExceptionListener listener = failure::complete;
            ctx.setExceptionListener(listener);
            assertSame(listener, ctx.getExceptionListener());
            dedicated.close();
            assertNotNull(failure.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("acknowledge() acknowledges every message the CLIENT_ACKNOWLEDGE session consumed; in "
            + "AUTO_ACKNOWLEDGE it has no effect")
    void acknowledgeAcknowledgesEverythingTheSessionConsumed() throws JMSException {
        JMSContext ctx = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q1 = ctx.createQueue(uniqueName());
        Queue q2 = ctx.createQueue(uniqueName());
        ctx.createProducer().send(q1, "a").send(q1, "b").send(q2, "c");
        JMSConsumer c1 = ctx.createConsumer(q1);
        JMSConsumer c2 = ctx.createConsumer(q2);
        assertEquals("a", c1.receiveBody(String.class, 5000));
        assertEquals("b", c1.receiveBody(String.class, 5000));
        assertEquals("c", c2.receiveBody(String.class, 5000));
        assertEquals(2, Broker.queueDepth(q1.getQueueName()), "unacknowledged");
        ctx.acknowledge();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Broker.queueDepth(q1.getQueueName()) == 0 && Broker.queueDepth(q2.getQueueName()) == 0);
        assertDoesNotThrow(context()::acknowledge);
    }

    @Test
    @DisplayName("recover() redelivers what was not acknowledged, flagged; closing the context without "
            + "acknowledging returns them too")
    void recoverAndCloseRedeliverUnacknowledgedMessages() throws Exception {
        JMSContext ctx = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = ctx.createQueue(uniqueName());
        ctx.createProducer().send(q, "a");
        JMSConsumer consumer = ctx.createConsumer(q);
        assertFalse(consumer.receive(5000).getJMSRedelivered());
        ctx.recover();
        Message again = consumer.receive(5000);
        assertEquals("a", text(again));
        assertTrue(again.getJMSRedelivered());
        ctx.close();

        Message third = context().createConsumer(q).receive(5000);
        assertEquals("a", text(third));
        assertEquals(3, third.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("commit and rollback on a context that is not transacted are IllegalStateRuntimeException")
    void commitAndRollbackNeedATransactedSession() {
        JMSContext ctx = context();
        assertThrows(IllegalStateRuntimeException.class, ctx::commit);
        assertThrows(IllegalStateRuntimeException.class, ctx::rollback);
    }

    @Test
    @DisplayName("recover on a transacted context is IllegalStateRuntimeException")
    void recoverNeedsASessionThatIsNotTransacted() {
        JMSContext ctx = context(JMSContext.SESSION_TRANSACTED);
        assertThrows(IllegalStateRuntimeException.class, ctx::recover);
        ctx.commit();
    }

    @Test
    @DisplayName("commit and rollback from a CompletionListener of the context are IllegalStateRuntimeException "
            + "(spec 7.3.4); the transaction then commits as usual")
    void completionListenerMayNotEndTheTransaction() throws Exception {
        JMSContext ctx = context(JMSContext.SESSION_TRANSACTED);
        Queue q = ctx.createQueue(uniqueName());
        List<Class<?>> outcomes = new CopyOnWriteArrayList<>();
        ctx.createProducer().setAsync(Completions.recordingOutcomesOf(outcomes, ctx::commit, ctx::rollback))
                .send(q, "in the transaction");
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 2);
        assertEquals(List.of(IllegalStateRuntimeException.class, IllegalStateRuntimeException.class), outcomes);
        ctx.commit();
        assertEquals("in the transaction", context().createConsumer(q).receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("stop from a MessageListener of another context on the same connection either is "
            + "IllegalStateRuntimeException or stops the connection, without waiting for the listener itself")
    void listenerStoppingASiblingContextFailsOrStops() throws Exception {
        JMSContext ctx = context();
        JMSContext sibling = tracked(ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        Queue q = ctx.createQueue(uniqueName());
        CompletableFuture<Class<?>> outcome = new CompletableFuture<>();
        ctx.createConsumer(q).setMessageListener(m -> outcome.complete(outcomeOf(sibling::stop)));
        sibling.createProducer().send(q, "stop them");
        Class<?> stopped = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(stopped == IllegalStateRuntimeException.class || stopped == Void.class, stopped.getName());
    }

    @Test
    @DisplayName("the create*Message methods make messages of each type, with the body given")
    void createsEveryMessageType() throws JMSException {
        JMSContext ctx = context();
        assertInstanceOf(BytesMessage.class, ctx.createBytesMessage());
        assertInstanceOf(MapMessage.class, ctx.createMapMessage());
        assertNotNull(ctx.createMessage());
        assertNull(ctx.createObjectMessage().getObject());
        assertEquals("object", ctx.createObjectMessage("object").getObject());
        assertInstanceOf(StreamMessage.class, ctx.createStreamMessage());
        assertNull(ctx.createTextMessage().getText());
        assertEquals("text", ctx.createTextMessage("text").getText());
    }

    @Test
    @DisplayName("createQueue and createTopic name destinations; an empty name or a null destination is "
            + "InvalidDestinationRuntimeException")
    void destinationsAreNamedAndCheckedWithRuntimeExceptions() throws JMSException {
        JMSContext ctx = context();
        assertEquals("orders", ctx.createQueue("orders").getQueueName());
        assertEquals("news", ctx.createTopic("news").getTopicName());
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createQueue(""));
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createTopic(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(null));
    }

    @Test
    @DisplayName("temporary queues and topics carry messages between contexts of the connection")
    void temporaryDestinationsWork() {
        JMSContext ctx = context();
        TemporaryQueue tq = ctx.createTemporaryQueue();
        TemporaryTopic tt = ctx.createTemporaryTopic();
        JMSContext other = tracked(ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        JMSConsumer onTopic = ctx.createConsumer(tt);
        other.createProducer().send(tq, "to the queue").send(tt, "to the topic");
        assertEquals("to the queue", ctx.createConsumer(tq).receiveBody(String.class, 5000));
        assertEquals("to the topic", onTopic.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("createConsumer(topic, selector, noLocal=true) does not get what its own connection publishes")
    void noLocalConsumerSkipsItsOwnConnectionsMessages() {
        JMSContext ctx = context();
        Topic t = ctx.createTopic(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(t, null, true);
        ctx.createProducer().send(t, "mine");
        context().createProducer().send(t, "theirs");
        assertEquals("theirs", consumer.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("durable consumers keep what is published while they are away; unsubscribe deletes the "
            + "subscription, IllegalStateRuntimeException while active, InvalidDestinationRuntimeException if unknown")
    void durableSubscriptionsAndUnsubscribe() {
        JMSContext ctx = context();
        ctx.setClientID(uniqueName());
        Topic t = ctx.createTopic(uniqueName());
        int before = Broker.get().durableSubscriptionCount();
        ctx.createDurableConsumer(t, "sub").close();
        assertEquals(before + 1, Broker.get().durableSubscriptionCount());
        ctx.createProducer().send(t, "while away");
        JMSConsumer back = ctx.createDurableConsumer(t, "sub", null, false);
        assertEquals("while away", back.receiveBody(String.class, 5000));
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.unsubscribe("sub"));
        back.close();
        ctx.unsubscribe("sub");
        assertEquals(before, Broker.get().durableSubscriptionCount());
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.unsubscribe("sub"));
    }

    @Test
    @DisplayName("an unshared durable consumer needs a client id (IllegalStateRuntimeException) and a topic that is "
            + "not temporary (InvalidDestinationRuntimeException)")
    void durableConsumerRulesComeAsRuntimeExceptions() {
        JMSContext anonymous = context();
        Topic t = anonymous.createTopic(uniqueName());
        assertThrows(IllegalStateRuntimeException.class, () -> anonymous.createDurableConsumer(t, "sub"));
        JMSContext named = context();
        named.setClientID(uniqueName());
        TemporaryTopic temporary = named.createTemporaryTopic();
        assertThrows(InvalidDestinationRuntimeException.class, () -> named.createDurableConsumer(temporary, "sub"));
    }

    @Test
    @DisplayName("shared consumers of two contexts split a subscription's messages, each message once")
    void sharedConsumersSplitTheMessages() throws Exception {
        JMSContext a = context();
        JMSContext b = context();
        Topic t = a.createTopic(uniqueName());
        String name = uniqueName();
        JMSConsumer ca = a.createSharedConsumer(t, name);
        JMSConsumer cb = b.createSharedConsumer(t, name, null);
        JMSProducer p = a.createProducer();
        for (int i = 0; i < 10; i++) {
            p.send(t, "m" + i);
        }
        Set<String> got = new HashSet<>();
        int received = 0;
        for (JMSConsumer c : List.of(ca, cb)) {
            Message m;
            while ((m = c.receive(300)) != null) {
                got.add(((TextMessage) m).getText());
                received++;
            }
        }
        assertEquals(10, received, "each message once");
        assertEquals(10, got.size());
    }

    @Test
    @DisplayName("a shared durable subscription keeps messages while it has no consumer, and unsubscribe deletes it")
    void sharedDurableSubscriptionKeepsMessages() {
        JMSContext ctx = context();
        Topic t = ctx.createTopic(uniqueName());
        String name = uniqueName();
        int before = Broker.get().durableSubscriptionCount();
        ctx.createSharedDurableConsumer(t, name).close();
        ctx.createProducer().send(t, "kept");
        JMSConsumer back = ctx.createSharedDurableConsumer(t, name, null);
        assertEquals("kept", back.receiveBody(String.class, 5000));
        back.close();
        ctx.unsubscribe(name);
        assertEquals(before, Broker.get().durableSubscriptionCount());
    }

    @Test
    @DisplayName("createBrowser browses the queue, honouring a selector; an invalid one is "
            + "InvalidSelectorRuntimeException")
    void browsersBrowse() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        ctx.createProducer().setProperty("n", 1).send(q, "one");
        ctx.createProducer().setProperty("n", 2).send(q, "two");
        List<String> all = new ArrayList<>();
        for (Enumeration<?> e = ctx.createBrowser(q).getEnumeration(); e.hasMoreElements(); ) {
            all.add(((TextMessage) e.nextElement()).getText());
        }
        assertEquals(List.of("one", "two"), all);
        Enumeration<?> selected = ctx.createBrowser(q, "n = 2").getEnumeration();
        assertEquals("two", ((TextMessage) selected.nextElement()).getText());
        assertFalse(selected.hasMoreElements());
        assertThrows(InvalidSelectorRuntimeException.class, () -> ctx.createBrowser(q, "n ="));
    }
}
