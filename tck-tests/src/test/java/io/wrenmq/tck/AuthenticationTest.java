package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 1; Jakarta Messaging 3.1 chapter 10 "Exceptions" (JMSSecurityException "must be thrown when a
 * provider rejects a user name/password submitted by a client") and the javadoc of
 * {@code ConnectionFactory.createConnection(String, String)} and {@code createContext(String, String)}
 * (JMSSecurityException, JMSSecurityRuntimeException "if client authentication fails due to an invalid user name
 * or password"). The broker checks logins against its users file; a refused one closes the connection; anonymous
 * access is a setting.
 */
@DisplayName("Issue 6.1 Authentication: createConnection/createContext with user and password")
class AuthenticationTest extends SecurityTestSupport {

    private void assertRoundTrip(Connection c) throws JMSException {
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        String queue = uniqueName();
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage("hello"));
        TextMessage m = (TextMessage) s.createConsumer(s.createQueue(queue)).receive(RECEIVE_MS);
        assertEquals("hello", m.getText());
    }

    private void assertNoConnectionLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
    }

    @Test
    @DisplayName("the right user name and password connect, and the connection works")
    void rightLoginConnects() throws Exception {
        assertRoundTrip(track(factory.createConnection("bob", password("bob"))));
        try (JMSContext context = factory.createContext("alice", password("alice"))) {
            String queue = uniqueName();
            context.createProducer().send(context.createQueue(queue), "hi");
            assertEquals("hi", context.createConsumer(context.createQueue(queue)).receiveBody(String.class, RECEIVE_MS));
        }
    }

    @Test
    @DisplayName("a wrong password is JMSSecurityException at createConnection, JMSSecurityRuntimeException at "
            + "createContext, and the broker keeps no connection")
    void wrongPasswordIsRefused() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("bob", "alice-pw"));
        assertFalse(e.getMessage().contains("alice-pw"), e.getMessage());
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("bob", "wrong"));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext("bob", "wrong", JMSContext.SESSION_TRANSACTED));
        assertThrows(JMSSecurityException.class,
                () -> ((QueueConnectionFactory) factory).createQueueConnection("bob", ""));
        assertThrows(JMSSecurityException.class,
                () -> ((TopicConnectionFactory) factory).createTopicConnection("bob", null));
        assertNoConnectionLeft();
    }

    @Test
    @DisplayName("an unknown user is refused with the same message as a wrong password")
    void unknownUserIsRefused() {
        JMSSecurityException unknown = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("mallory", "mallory-pw"));
        JMSSecurityException wrong = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("bob", "mallory-pw"));
        assertEquals(wrong.getMessage(), unknown.getMessage(), "the client cannot tell which user names exist");
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("mallory", "x"));
    }

    @Test
    @DisplayName("without credentials, a broker with users and anonymous access off refuses the connection")
    void missingCredentialsAreRefused() {
        assertThrows(JMSSecurityException.class, () -> factory.createConnection());
        assertThrows(JMSSecurityException.class, () -> factory.createConnection(null, null));
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext());
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(Session.CLIENT_ACKNOWLEDGE));
        assertNoConnectionLeft();
    }

    @Test
    @DisplayName("the factory's setUser/setPassword and the URL's user=/password= log in too; wrong ones are refused")
    void factoryAndUrlCredentials() throws Exception {
        WrenConnectionFactory bean = new WrenConnectionFactory(Broker.url(broker, null));
        bean.setUser("carol");
        bean.setPassword(password("carol"));
        assertRoundTrip(track(bean.createConnection()));
        bean.setPassword("not-carols");
        assertThrows(JMSSecurityException.class, bean::createConnection);
        assertThrows(JMSSecurityRuntimeException.class, bean::createContext);

        ConnectionFactory url = new WrenConnectionFactory(Broker.url(broker, "user=dave&password=" + password("dave")));
        assertRoundTrip(track(url.createConnection()));
        ConnectionFactory aliases = new WrenConnectionFactory(Broker.url(broker,
                "jms.userName=dave&jms.password=" + password("dave")));
        assertRoundTrip(track(aliases.createConnection()));
        ConnectionFactory wrongUrl = new WrenConnectionFactory(Broker.url(broker, "user=dave&password=nope"));
        assertThrows(JMSSecurityException.class, wrongUrl::createConnection);
    }

    @Test
    @DisplayName("a refused login does not disturb the connections that are logged in")
    void refusedLoginsLeaveOthersServed() throws Exception {
        Connection good = track(factory.createConnection("bob", password("bob")));
        for (int i = 0; i < 5; i++) {
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("bob", "guess"));
        }
        assertRoundTrip(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 1);
    }

    @Test
    @DisplayName("anonymous=true with users: no credentials connect, wrong ones are still refused")
    void anonymousAccessIsASetting() throws Exception {
        try (WrenBroker open = Broker.startDedicated(b -> b.persistent(false).usersFile(usersFile())
                .anonymous(true))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(open, null));
            assertRoundTrip(track(f.createConnection()));
            assertRoundTrip(track(f.createConnection("alice", password("alice"))));
            assertThrows(JMSSecurityException.class, () -> f.createConnection("alice", "wrong"));
        }
    }

    @Test
    @DisplayName("without users, security is off: any credentials or none connect, as before")
    void withoutUsersAnyoneConnects() throws Exception {
        try (WrenBroker open = Broker.startDedicated(b -> b.persistent(false))) {
            ConnectionFactory f = new WrenConnectionFactory(Broker.url(open, null));
            assertRoundTrip(track(f.createConnection()));
            assertRoundTrip(track(f.createConnection("whoever", "whatever")));
        }
    }

    @Test
    @DisplayName("a users file with a password in plain text stops the broker at start-up, naming the user only")
    void plainTextPasswordIsAStartUpError() {
        Path users = write("plain", "alice=alice-pw\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Broker.startDedicated(b -> b.usersFile(users)).close());
        assertTrue(e.getMessage().contains("user 'alice'"), e.getMessage());
        assertFalse(e.getMessage().contains("alice-pw"), e.getMessage());
    }
}
