package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, sections 8.3.2 "Shared non-durable subscriptions" and 8.3.4 "Shared durable
 * subscriptions" (with 4.2.2 and 6.1.2): a shared subscription is named, scoped by the client identifier if one is
 * set and unscoped otherwise, and divides its messages among its consumers; through the classic API and
 * JMSContext.
 */
@DisplayName("Shared subscriptions (spec 8.3.2, 8.3.4)")
class SharedSubscriptionTest extends ContextTestSupport {
    /** How long a consumer waits for a message that must not come. */
    private static final long NOTHING_MS = 300;

    /** The two kinds of shared subscription, opened as {@code Session} and {@code JMSContext} open them. */
    enum Kind {
        NON_DURABLE(Session::createSharedConsumer, JMSContext::createSharedConsumer),
        DURABLE(Session::createSharedDurableConsumer, JMSContext::createSharedDurableConsumer);

        @FunctionalInterface
        private interface SessionOpener {
            MessageConsumer open(Session s, Topic t, String name, String selector) throws JMSException;
        }

        @FunctionalInterface
        private interface ContextOpener {
            JMSConsumer open(JMSContext c, Topic t, String name, String selector);
        }

        private final SessionOpener bySession;
        private final ContextOpener byContext;

        Kind(SessionOpener bySession, ContextOpener byContext) {
            this.bySession = bySession;
            this.byContext = byContext;
        }

        MessageConsumer open(Session s, Topic t, String name, String selector) throws JMSException {
            return bySession.open(s, t, name, selector);
        }

        JMSConsumer open(JMSContext c, Topic t, String name, String selector) {
            return byContext.open(c, t, name, selector);
        }

        MessageConsumer open(Session s, Topic t, String name) throws JMSException {
            return open(s, t, name, null);
        }
    }

    private Session session(Connection c) throws JMSException {
        return c.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    private Connection startedConnection(String clientId) throws JMSException {
        Connection c = connection();
        c.setClientID(clientId);
        c.start();
        return c;
    }

    /** Publishes each text to {@code t} from a connection of its own, and returns them. */
    private List<String> publish(Topic t, String... texts) throws JMSException {
        Session s = session(connection());
        MessageProducer p = s.createProducer(t);
        for (String text : texts) {
            p.send(s.createTextMessage(text));
        }
        return List.of(texts);
    }

    private List<String> publishNumbered(Topic t, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("m" + i);
        }
        return publish(t, texts.toArray(String[]::new));
    }

    private static TextCollector listenTo(MessageConsumer c) throws JMSException {
        TextCollector collected = new TextCollector();
        c.setMessageListener(collected);
        return collected;
    }

    /** A consumer of {@code kind} on a new session of {@code c}, with a collector as its listener. */
    private TextCollector listenOn(Kind kind, Connection c, Topic t, String name) throws JMSException {
        return listenTo(kind.open(session(c), t, name));
    }

    private static String receiveText(MessageConsumer c) throws JMSException {
        Message m = c.receive(5000);
        assertNotNull(m, "no message arrived");
        return ((TextMessage) m).getText();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("without a client id, consumers on several connections share the subscription: each message goes "
            + "to one of them, while every other subscription of the topic has its own copy")
    void consumersOnSeveralConnectionsDivideTheMessages(Kind kind) throws Exception {
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        TextCollector a = listenOn(kind, startedConnection(), t, name);
        TextCollector b = listenOn(kind, startedConnection(), t, name);
        TextCollector c = listenOn(kind, startedConnection(), t, name);
        TextCollector plain = listenTo(session(startedConnection()).createConsumer(t));

        List<String> sent = publishNumbered(t, 30);
        TextCollector.assertGotEachOnce(sent, a, b, c);
        TextCollector.assertGotEachOnce(sent, plain);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("with a client id, the sessions of its connection share the subscription")
    void sessionsOfTheClientIdsConnectionDivideTheMessages(Kind kind) throws Exception {
        Connection c = startedConnection(uniqueName());
        Topic t = session(c).createTopic(uniqueName());
        String name = uniqueName();
        TextCollector a = listenOn(kind, c, t, name);
        TextCollector b = listenOn(kind, c, t, name);

        TextCollector.assertGotEachOnce(publishNumbered(t, 20), a, b);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("JMSContexts of one connection with a client id share the subscription")
    void contextsOfOneConnectionDivideTheMessages(Kind kind) throws Exception {
        JMSContext first = context();
        first.setClientID(uniqueName());
        JMSContext second = tracked(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        Topic t = first.createTopic(uniqueName());
        String name = uniqueName();
        TextCollector a = new TextCollector();
        TextCollector b = new TextCollector();
        kind.open(first, t, name, null).setMessageListener(a);
        kind.open(second, t, name, null).setMessageListener(b);

        TextCollector.assertGotEachOnce(publishNumbered(t, 20), a, b);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("the name is scoped by the client id: no client id, client id X and client id Y are three "
            + "subscriptions, each with every message")
    void theSubscriptionNameIsScopedByTheClientId(Kind kind) throws Exception {
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        TextCollector anonymous = listenOn(kind, startedConnection(), t, name);
        TextCollector anonymousToo = listenOn(kind, startedConnection(), t, name);
        TextCollector x = listenOn(kind, startedConnection(uniqueName()), t, name);
        TextCollector y = listenOn(kind, startedConnection(uniqueName()), t, name);

        List<String> sent = publish(t, "one", "two", "three");
        TextCollector.assertGotEachOnce(sent, anonymous, anonymousToo);
        TextCollector.assertGotEachOnce(sent, x);
        TextCollector.assertGotEachOnce(sent, y);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("a selector decides which messages enter the subscription")
    void aSelectorDecidesWhatEntersTheSubscription(Kind kind) throws Exception {
        Connection c = startedConnection();
        Session s = session(c);
        Topic t = s.createTopic(uniqueName());
        MessageConsumer reds = kind.open(s, t, uniqueName(), "color = 'red'");
        MessageProducer p = s.createProducer(t);
        for (String color : List.of("blue", "red", "green", "red")) {
            TextMessage m = s.createTextMessage(color);
            m.setStringProperty("color", color);
            p.send(m);
        }
        assertEquals("red", receiveText(reds));
        assertEquals("red", receiveText(reds));
        assertNull(reds.receive(NOTHING_MS));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("a message one consumer received and did not acknowledge goes to another consumer of the "
            + "subscription when its session closes, flagged redelivered")
    void anUnacknowledgedMessageGoesToAnotherConsumer(Kind kind) throws Exception {
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        Session holder = startedConnection().createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer first = kind.open(holder, t, name);
        publish(t, "held");
        Message held = first.receive(5000);
        assertEquals("held", ((TextMessage) held).getText());
        assertFalse(held.getJMSRedelivered());

        MessageConsumer second = kind.open(session(startedConnection()), t, name);
        holder.close();
        Message again = second.receive(5000);
        assertNotNull(again, "the unacknowledged message was lost");
        assertEquals("held", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered());
        assertNull(second.receive(NOTHING_MS));
    }

    @Test
    @DisplayName("8.3.2: a shared non-durable subscription lives while it has a consumer, and is deleted with its "
            + "undelivered messages when the last one closes")
    void aSharedNonDurableSubscriptionEndsWithItsLastConsumer() throws Exception {
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        MessageConsumer first = Kind.NON_DURABLE.open(session(startedConnection()), t, name);
        MessageConsumer last = Kind.NON_DURABLE.open(session(startedConnection()), t, name);
        first.close();
        publish(t, "while one is left");
        assertEquals("while one is left", receiveText(last));

        publish(t, "never received");
        last.close();
        publish(t, "while there is none");
        MessageConsumer next = Kind.NON_DURABLE.open(session(startedConnection()), t, name);
        assertNull(next.receive(NOTHING_MS), "a message outlived the subscription");
        publish(t, "after");
        assertEquals("after", receiveText(next));
    }

    @ParameterizedTest(name = "client id {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("8.3.4: a shared durable subscription keeps what is published while it has no consumer, for a "
            + "consumer of another connection with the same client id, or none")
    void aSharedDurableSubscriptionKeepsMessagesWhileItHasNoConsumer(boolean withClientId) throws Exception {
        String clientId = withClientId ? uniqueName() : null;
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        Connection before = clientId == null ? startedConnection() : startedConnection(clientId);
        Kind.DURABLE.open(session(before), t, name).close();
        before.close();
        publish(t, "kept");

        Connection after = clientId == null ? startedConnection() : startedConnection(clientId);
        Session s = session(after);
        MessageConsumer back = Kind.DURABLE.open(s, t, name);
        assertEquals("kept", receiveText(back));
        back.close();
        s.unsubscribe(name);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("a consumer asking for another topic or selector while the subscription has an active consumer is "
            + "JMSException (JMSRuntimeException from JMSContext); the subscription carries on unchanged")
    void anActiveSubscriptionCannotChangeTopicOrSelector(Kind kind) throws Exception {
        Connection c = startedConnection();
        Session s = session(c);
        Topic t = s.createTopic(uniqueName());
        Topic other = s.createTopic(uniqueName());
        String name = uniqueName();
        MessageConsumer active = kind.open(s, t, name, "n > 0");

        assertThrows(JMSException.class, () -> kind.open(session(c), other, name, "n > 0"));
        assertThrows(JMSException.class, () -> kind.open(session(c), t, name, "n > 1"));
        assertThrows(JMSException.class, () -> kind.open(session(c), t, name, null));
        JMSContext ctx = context();
        assertThrows(JMSRuntimeException.class, () -> kind.open(ctx, other, name, "n > 0"));
        assertThrows(JMSRuntimeException.class, () -> kind.open(ctx, t, name, "n < 0"));

        TextMessage m = s.createTextMessage("still selected");
        m.setIntProperty("n", 1);
        s.createProducer(t).send(m);
        assertEquals("still selected", receiveText(active));
        MessageConsumer joined = kind.open(session(c), t, name, "n > 0");
        joined.close();
    }

    @Test
    @DisplayName("8.3.2: a selector given as the empty string is no selector: such a consumer joins a subscription "
            + "opened with none")
    void anEmptySelectorIsNoSelector() throws Exception {
        Connection c = startedConnection();
        Topic t = session(c).createTopic(uniqueName());
        String name = uniqueName();
        TextCollector a = listenTo(Kind.NON_DURABLE.open(session(c), t, name, null));
        TextCollector b = listenTo(Kind.NON_DURABLE.open(session(c), t, name, ""));
        TextCollector.assertGotEachOnce(publishNumbered(t, 10), a, b);
    }

    @Test
    @DisplayName("8.3.4: opening an inactive shared durable subscription with another topic or selector deletes it "
            + "and creates a new one")
    void anInactiveSharedDurableSubscriptionIsReplacedWhenTopicOrSelectorChanges() throws Exception {
        Connection c = startedConnection();
        Session s = session(c);
        Topic t = s.createTopic(uniqueName());
        Topic other = s.createTopic(uniqueName());
        String name = uniqueName();
        Kind.DURABLE.open(s, t, name).close();
        publish(t, "kept by the old subscription");

        MessageConsumer reds = Kind.DURABLE.open(s, t, name, "color = 'red'");
        assertNull(reds.receive(NOTHING_MS), "the old subscription's message survived the change of selector");
        MessageProducer p = s.createProducer(t);
        for (String color : List.of("blue", "red")) {
            TextMessage m = s.createTextMessage(color);
            m.setStringProperty("color", color);
            p.send(m);
        }
        assertEquals("red", receiveText(reds));
        assertNull(reds.receive(NOTHING_MS));
        reds.close();

        MessageConsumer elsewhere = Kind.DURABLE.open(s, other, name);
        publish(t, "to the old topic");
        publish(other, "to the new topic");
        assertEquals("to the new topic", receiveText(elsewhere));
        assertNull(elsewhere.receive(NOTHING_MS));
        elsewhere.close();
        s.unsubscribe(name);
    }

    @Test
    @DisplayName("8.3.3, 8.3.4: a shared and an unshared durable subscription may not have the same name and client "
            + "id: JMSException (JMSRuntimeException from JMSContext), whichever exists, active or not")
    void sharedAndUnsharedDurableSubscriptionsCannotShareANameAndClientId() throws Exception {
        Connection c = startedConnection(uniqueName());
        Session s = session(c);
        Topic t = s.createTopic(uniqueName());
        String unshared = uniqueName();
        MessageConsumer active = s.createDurableConsumer(t, unshared);
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(t, unshared));
        active.close();
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(t, unshared));
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(t, unshared, "n > 0"));

        String shared = uniqueName();
        MessageConsumer sharedConsumer = s.createSharedDurableConsumer(t, shared);
        assertThrows(JMSException.class, () -> s.createDurableConsumer(t, shared));
        assertThrows(JMSException.class, () -> s.createDurableSubscriber(t, shared));
        sharedConsumer.close();
        assertThrows(JMSException.class, () -> s.createDurableConsumer(t, shared, null, false));

        s.unsubscribe(unshared);
        s.unsubscribe(shared);

        JMSContext ctx = context();
        ctx.setClientID(uniqueName());
        ctx.createDurableConsumer(t, unshared).close();
        assertThrows(JMSRuntimeException.class, () -> ctx.createSharedDurableConsumer(t, unshared));
        ctx.createSharedDurableConsumer(t, shared).close();
        assertThrows(JMSRuntimeException.class, () -> ctx.createDurableConsumer(t, shared));
        ctx.unsubscribe(unshared);
        ctx.unsubscribe(shared);
    }

    @Test
    @DisplayName("8.3.2-8.3.4: a shared non-durable subscription and a durable one of the same name and client id "
            + "are completely separate, each with every message")
    void nonDurableAndDurableSubscriptionsOfOneNameAreSeparate() throws Exception {
        Connection c = startedConnection(uniqueName());
        Topic t = session(c).createTopic(uniqueName());
        String sharedName = uniqueName();
        TextCollector sharedNonDurable = listenOn(Kind.NON_DURABLE, c, t, sharedName);
        TextCollector sharedDurable = listenOn(Kind.DURABLE, c, t, sharedName);
        String unsharedName = uniqueName();
        TextCollector otherNonDurable = listenOn(Kind.NON_DURABLE, c, t, unsharedName);
        TextCollector unsharedDurable = listenTo(session(c).createDurableConsumer(t, unsharedName));

        List<String> sent = publish(t, "a", "b");
        for (TextCollector each : List.of(sharedNonDurable, sharedDurable, otherNonDurable, unsharedDurable)) {
            TextCollector.assertGotEachOnce(sent, each);
        }
    }

    @Test
    @DisplayName("6.2, 8.3.4: unsubscribe deletes an inactive shared durable subscription of the caller's client "
            + "id (or of none); an active one is JMSException; a name it does not know is "
            + "InvalidDestinationException")
    void unsubscribeFollowsTheSharedDurableRules() throws Exception {
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        Session anonymous = session(startedConnection());
        MessageConsumer active = Kind.DURABLE.open(anonymous, t, name);
        Exception refused = assertThrows(JMSException.class, () -> anonymous.unsubscribe(name));
        assertFalse(refused instanceof InvalidDestinationException, "the subscription exists: " + refused);
        publish(t, "still subscribed");
        assertEquals("still subscribed", receiveText(active));

        Session named = session(startedConnection(uniqueName()));
        active.close();
        assertThrows(InvalidDestinationException.class, () -> named.unsubscribe(name),
                "a connection with a client id reached a subscription created without one");
        anonymous.unsubscribe(name);
        assertThrows(InvalidDestinationException.class, () -> anonymous.unsubscribe(name));

        publish(t, "after unsubscribe");
        MessageConsumer fresh = Kind.DURABLE.open(anonymous, t, name);
        assertNull(fresh.receive(NOTHING_MS), "the unsubscribed subscription kept a message");
        fresh.close();
        anonymous.unsubscribe(name);

        String nonDurable = uniqueName();
        Kind.NON_DURABLE.open(anonymous, t, nonDurable);
        assertThrows(InvalidDestinationException.class, () -> anonymous.unsubscribe(nonDurable),
                "unsubscribe is for durable subscriptions only");
    }

    @Test
    @DisplayName("6.1.2, 8.3.4: a shared durable subscription created with a client id is not reached without it")
    void aClientIdsSubscriptionIsNotReachedWithoutIt() throws Exception {
        String clientId = uniqueName();
        Topic t = session(connection()).createTopic(uniqueName());
        String name = uniqueName();
        Connection owner = startedConnection(clientId);
        Kind.DURABLE.open(session(owner), t, name).close();
        publish(t, "for the client id");

        Session anonymous = session(startedConnection());
        assertThrows(InvalidDestinationException.class, () -> anonymous.unsubscribe(name));
        MessageConsumer unscoped = Kind.DURABLE.open(anonymous, t, name);
        assertNull(unscoped.receive(NOTHING_MS), "a consumer without the client id got its subscription's message");
        unscoped.close();
        anonymous.unsubscribe(name);

        Session s = session(owner);
        MessageConsumer back = Kind.DURABLE.open(s, t, name);
        assertEquals("for the client id", receiveText(back));
        back.close();
        s.unsubscribe(name);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("a null topic is InvalidDestinationException (InvalidDestinationRuntimeException from JMSContext)")
    void aNullTopicIsAnInvalidDestination(Kind kind) throws Exception {
        Session s = session(connection());
        assertThrows(InvalidDestinationException.class, () -> kind.open(s, null, uniqueName()));
        JMSContext ctx = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> kind.open(ctx, null, uniqueName(), null));
    }

    @Test
    @DisplayName("4.2.7, 6.2.2: a shared consumer on a temporary topic must be on its connection; there it shares "
            + "the subscription among the connection's sessions")
    void aSharedConsumerOfATemporaryTopicMustBeOnItsConnection() throws Exception {
        Connection owner = startedConnection();
        TemporaryTopic temp = session(owner).createTemporaryTopic();
        Session stranger = session(startedConnection());
        assertThrows(InvalidDestinationException.class, () -> Kind.NON_DURABLE.open(stranger, temp, uniqueName()));

        String name = uniqueName();
        TextCollector a = listenOn(Kind.NON_DURABLE, owner, temp, name);
        TextCollector b = listenOn(Kind.NON_DURABLE, owner, temp, name);
        Session publisher = session(connection());
        MessageProducer p = publisher.createProducer(temp);
        List<String> sent = List.of("t1", "t2", "t3", "t4");
        for (String text : sent) {
            p.send(publisher.createTextMessage(text));
        }
        TextCollector.assertGotEachOnce(sent, a, b);
    }
}
