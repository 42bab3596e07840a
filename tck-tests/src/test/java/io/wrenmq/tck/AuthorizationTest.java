package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 2: roles with per-destination permissions, matched by name pattern, the most specific pattern alone
 * deciding. A denied operation is {@code JMSSecurityException} (Jakarta Messaging 3.1 chapter 10 "Exceptions": "for
 * any case where a security restriction prevents a method from completing"; {@code JMSSecurityRuntimeException} from
 * a {@code JMSContext}) and has no other effect: nothing sent, created or removed, and the connection goes on
 * working. Temporary destinations are outside the permissions (spec 4.1.6, 6.2.2: only their connection consumes
 * from them).
 *
 * <p>Users (see {@link SecurityTestSupport}): alice is admin and app, bob app, carol reader, dave has no role.
 */
@DisplayName("Issue 6.2 Authorization: per-destination permissions by role and name pattern")
class AuthorizationTest extends SecurityTestSupport {

    @Override
    protected BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return super.configure(b)
                .set("permission.#.send", "admin")
                .set("permission.#.consume", "admin")
                .set("permission.#.browse", "admin")
                .set("permission.#.create", "admin")
                .set("permission.orders.#.send", "app")
                .set("permission.orders.#.consume", "app,reader")
                .set("permission.orders.#.browse", "reader")
                .set("permission.orders.#.create", "app")
                .set("permission.orders.secret.send", "admin")
                .set("permission.orders.secret.consume", "admin")
                .set("permission.orders.secret.create", "admin")
                .set("permission.news.*.send", "app")
                .set("permission.news.*.consume", "app,reader")
                .set("permission.news.*.create", "app,reader")
                .set("permission.news.*.create-durable", "reader")
                .set("permission.news.*.delete-durable", "app");
    }

    private static void send(Connection c, String queue, String text, int mode) throws JMSException {
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(queue));
        p.setDeliveryMode(mode);
        p.send(s.createTextMessage(text));
        s.close();
    }

    private static String receive(Connection c, String queue) throws JMSException {
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        TextMessage m = (TextMessage) s.createConsumer(s.createQueue(queue)).receive(RECEIVE_MS);
        assertNotNull(m, "nothing from " + queue);
        s.close();
        return m.getText();
    }

    private long depth(String queue) {
        return broker.queueStats(queue).map(q -> q.depth()).orElse(-1L);
    }

    @Test
    @DisplayName("send: permitted roles send, others get JMSSecurityException, persistent or not, and nothing is "
            + "stored")
    void sendIsChecked() throws Exception {
        Connection bob = login("bob");
        Connection carol = login("carol");
        send(bob, "orders.eu", "one", DeliveryMode.PERSISTENT);
        send(bob, "orders.eu", "two", DeliveryMode.NON_PERSISTENT);
        assertThrows(JMSSecurityException.class, () -> send(carol, "orders.eu", "no", DeliveryMode.PERSISTENT));
        assertThrows(JMSSecurityException.class, () -> send(carol, "orders.eu", "no", DeliveryMode.NON_PERSISTENT));
        assertEquals(2, depth("orders.eu"), "the denied sends left nothing in the queue");
        assertEquals("one", receive(carol, "orders.eu"), "carol's connection still works");
        assertEquals("two", receive(carol, "orders.eu"));
        assertEquals(0, depth("orders.eu"));
    }

    @Test
    @DisplayName("send in a transaction: refused at send, and the transaction commits what was permitted")
    void transactedSendIsChecked() throws Exception {
        Connection bob = login("bob");
        Session tx = bob.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer anywhere = tx.createProducer(null);
        anywhere.send(tx.createQueue("orders.tx"), tx.createTextMessage("kept"));
        assertThrows(JMSSecurityException.class,
                () -> anywhere.send(tx.createQueue("orders.secret"), tx.createTextMessage("secret")));
        tx.commit();
        assertEquals("kept", receive(bob, "orders.tx"));
        assertTrue(broker.queueStats("orders.secret").isEmpty(), "the denied send created nothing");
    }

    @Test
    @DisplayName("send from a JMSContext: JMSSecurityRuntimeException")
    void contextSendIsChecked() {
        JMSContext carol = contextOf("carol");
        assertThrows(JMSSecurityRuntimeException.class,
                () -> carol.createProducer().send(carol.createQueue("orders.ctx"), "no"));
        JMSContext bob = contextOf("bob");
        bob.createProducer().send(bob.createQueue("orders.ctx"), "yes");
        assertEquals("yes", carol.createConsumer(carol.createQueue("orders.ctx")).receiveBody(String.class,
                RECEIVE_MS));
    }

    @Test
    @DisplayName("the most specific pattern decides: # for admin, orders.# for app, orders.secret for admin again")
    void theMostSpecificPatternDecides() throws Exception {
        Connection alice = login("alice");
        Connection bob = login("bob");
        send(alice, "invoices", "by #", DeliveryMode.PERSISTENT);
        assertThrows(JMSSecurityException.class, () -> send(bob, "invoices", "no", DeliveryMode.PERSISTENT));
        send(bob, "orders.us.east", "by orders.#", DeliveryMode.PERSISTENT);
        assertThrows(JMSSecurityException.class, () -> send(bob, "orders.secret", "no", DeliveryMode.PERSISTENT));
        send(alice, "orders.secret", "by orders.secret", DeliveryMode.PERSISTENT);
        assertEquals("by orders.secret", receive(alice, "orders.secret"));
        Session s = alice.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSSecurityException.class, () -> s.createBrowser(s.createQueue("orders.us.east"))
                .getEnumeration(), "orders.# decides for orders.us.east, and lets reader browse, not admin");
        assertEquals("by orders.#", receive(bob, "orders.us.east"));
    }

    @Test
    @DisplayName("consume: createConsumer of a role without it is JMSSecurityException, and "
            + "JMSSecurityRuntimeException from a JMSContext")
    void consumeIsChecked() throws Exception {
        Session s = sessionOf("dave");
        sessionOf("bob").createConsumer(s.createQueue("orders.in")).close();
        assertThrows(JMSSecurityException.class, () -> s.createConsumer(s.createQueue("orders.in")));
        assertThrows(JMSSecurityException.class, () -> s.createConsumer(s.createTopic("news.daily")));
        assertThrows(JMSSecurityException.class, () -> s.createSharedConsumer(s.createTopic("news.daily"), "x"));
        JMSContext context = contextOf("dave");
        assertThrows(JMSSecurityRuntimeException.class, () -> context.createConsumer(context.createQueue("orders.in")));
        TemporaryQueue own = s.createTemporaryQueue();
        s.createConsumer(own).close();
    }

    @Test
    @DisplayName("browse: a QueueBrowser of a role without it fails at getEnumeration; one with it browses")
    void browseIsChecked() throws Exception {
        Connection bob = login("bob");
        send(bob, "orders.browse", "look", DeliveryMode.PERSISTENT);
        Session bobs = bob.createSession(Session.AUTO_ACKNOWLEDGE);
        QueueBrowser denied = bobs.createBrowser(bobs.createQueue("orders.browse"));
        assertThrows(JMSSecurityException.class, denied::getEnumeration);
        Session carols = sessionOf("carol");
        QueueBrowser browser = carols.createBrowser(carols.createQueue("orders.browse"));
        assertEquals(1, Collections.list(browser.getEnumeration()).size());
        assertEquals(1, depth("orders.browse"));
    }

    @Test
    @DisplayName("create: a destination is created on first use only by a role permitted to create it")
    void createIsChecked() throws Exception {
        Connection carol = login("carol");
        Session s = carol.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue fresh = s.createQueue("orders.fresh");
        assertThrows(JMSSecurityException.class, () -> s.createConsumer(fresh), "reader may consume, not create");
        assertTrue(broker.queueStats("orders.fresh").isEmpty(), "nothing was created");
        sessionOf("bob").createConsumer(fresh).close();
        assertTrue(broker.queueStats("orders.fresh").isPresent());
        s.createConsumer(fresh).close();
        Session carolTopics = carol.createSession(Session.AUTO_ACKNOWLEDGE);
        carolTopics.createConsumer(carolTopics.createTopic("news.sport")).close();
        assertTrue(broker.topicStats("news.sport").isPresent(), "news.* lets reader create");
    }

    @Test
    @DisplayName("durable subscriptions: creating one needs create-durable, unsubscribing delete-durable; a denied "
            + "one leaves nothing behind")
    void durableSubscriptionsAreChecked() throws Exception {
        Connection bob = track(factory.createConnection("bob", password("bob")));
        bob.setClientID("bob-client");
        Session bobs = bob.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic fresh = bobs.createTopic("news.weather");
        assertThrows(JMSSecurityException.class, () -> bobs.createDurableSubscriber(fresh, "forecast"));
        assertThrows(JMSSecurityException.class, () -> bobs.createSharedDurableConsumer(fresh, "forecast"));
        assertEquals(0, broker.durableSubscriptionCount());
        assertTrue(broker.topicStats("news.weather").isEmpty(), "the topic was not created for it either");

        Connection carol = track(factory.createConnection("carol", password("carol")));
        carol.setClientID("carol-client");
        Session carols = carol.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = carols.createTopic("news.weather");
        MessageConsumer sub = carols.createDurableSubscriber(topic, "forecast");
        sub.close();
        assertEquals(1, broker.durableSubscriptionCount());
        carols.createDurableSubscriber(topic, "forecast").close();
        assertThrows(JMSSecurityException.class, () -> carols.unsubscribe("forecast"), "reader may not unsubscribe");
        assertEquals(1, broker.durableSubscriptionCount());
        carol.close();

        Connection other = track(factory.createConnection("bob", password("bob")));
        other.setClientID("carol-client");
        Session s = other.createSession(Session.AUTO_ACKNOWLEDGE);
        s.createDurableSubscriber(s.createTopic("news.weather"), "forecast").close();
        s.unsubscribe("forecast");
        assertEquals(0, broker.durableSubscriptionCount());
    }

    @Test
    @DisplayName("durable subscriptions from a JMSContext: JMSSecurityRuntimeException")
    void contextDurableSubscriptionIsChecked() {
        JMSContext bob = contextOf("bob");
        assertThrows(JMSSecurityRuntimeException.class,
                () -> bob.createSharedDurableConsumer(bob.createTopic("news.ctx"), "s"));
        JMSContext carol = contextOf("carol");
        carol.createSharedDurableConsumer(carol.createTopic("news.ctx"), "s").close();
        assertThrows(JMSSecurityRuntimeException.class, () -> carol.unsubscribe("s"));
    }

    @Test
    @DisplayName("temporary destinations: any user creates them, anyone sends to them, only their connection "
            + "consumes")
    void temporaryDestinationsAreForTheirOwner() throws Exception {
        Session ds = sessionOf("dave");
        TemporaryQueue replies = ds.createTemporaryQueue();
        MessageConsumer consumer = ds.createConsumer(replies);
        Session cs = sessionOf("carol");
        cs.createProducer(replies).send(cs.createTextMessage("reply"));
        assertEquals("reply", ((TextMessage) consumer.receive(RECEIVE_MS)).getText());
        assertThrows(InvalidDestinationException.class, () -> cs.createConsumer(replies));
        ds.createTemporaryTopic().delete();
        assertFalse(replies.getQueueName().isEmpty());
    }
}
