package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.BrokerStartException;
import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 3: {@code ssl://} end to end, over real TLS, with certificates {@code keytool} makes for the run. The
 * broker's TLS acceptor ({@code ssl-port}) and the client's trust, key store and host name verification options;
 * failures are a {@link JMSException} that says why, and never disturb the other clients.
 */
@DisplayName("Issue 6.3 TLS: ssl:// with the broker's key store, the client's trust store, mutual TLS")
class TlsTest extends JmsTestSupport {
    private static final long RECEIVE_MS = 10_000;

    @TempDir
    static Path dir;
    private static Path brokerKeys;
    private static Path clientTrust;
    private static Path misnamedKeys;
    private static Path misnamedTrust;
    private static Path clientKeys;
    private static Path brokerTrust;
    private static Path strangerKeys;

    private final List<WrenBroker> brokers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        TestCertificates certs = new TestCertificates(dir)
                .keyStore("broker", "localhost", "ip:127.0.0.1,dns:localhost")
                .keyStore("misnamed", "wren.example.com", "dns:wren.example.com")
                .keyStore("client", "wren-client", null)
                .keyStore("stranger", "stranger", null)
                .generate();
        brokerKeys = certs.path("broker");
        misnamedKeys = certs.path("misnamed");
        clientKeys = certs.path("client");
        strangerKeys = certs.path("stranger");
        clientTrust = certs.trustStore("client-trust", "broker");
        misnamedTrust = certs.trustStore("misnamed-trust", "misnamed");
        brokerTrust = certs.trustStore("broker-trust", "client");
    }

    @AfterEach
    void stopBrokers() {
        closeConnections();
        brokers.forEach(WrenBroker::close);
    }

    private WrenBroker broker(Path keyStore, UnaryOperator<BrokerConfig.Builder> more) {
        WrenBroker b = Broker.startDedicated(c -> more.apply(c.set("ssl-port", "0")
                .set("ssl-key-store", keyStore.toString())
                .set("ssl-key-store-password", TestCertificates.PASSWORD)));
        brokers.add(b);
        return b;
    }

    private WrenBroker broker() {
        return broker(brokerKeys, c -> c);
    }

    private static String sslUrl(WrenBroker b, String host, String options) {
        return "ssl://" + host + ":" + b.tlsPort() + (options.isEmpty() ? "" : "?" + options);
    }

    private static String trusting(Path trustStore) {
        return "trustStorePath=" + trustStore + "&trustStorePassword=" + TestCertificates.PASSWORD;
    }

    private static String presenting(Path keyStore) {
        return "keyStorePath=" + keyStore + "&keyStorePassword=" + TestCertificates.PASSWORD;
    }

    private Connection connect(String url) throws JMSException {
        return track(new WrenConnectionFactory(url).createConnection());
    }

    private JMSException refused(String url) {
        return assertThrows(JMSException.class, () -> connect(url));
    }

    private void assertRoundTrip(Connection c, String text) throws JMSException {
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        String queue = uniqueName();
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        TextMessage m = (TextMessage) s.createConsumer(s.createQueue(queue)).receive(RECEIVE_MS);
        assertEquals(text, m.getText());
        s.close();
    }

    @Test
    @DisplayName("a client trusting the broker's certificate sends and receives over ssl://, large messages too")
    void sendsAndReceivesOverTls() throws Exception {
        WrenBroker b = broker();
        Connection c = connect(sslUrl(b, "127.0.0.1", trusting(clientTrust)));
        assertRoundTrip(c, "over TLS");
        assertRoundTrip(c, "x".repeat(300_000));
        assertRoundTrip(connect(sslUrl(b, "localhost", trusting(clientTrust))), "by host name");
        assertRoundTrip(connect("tcp://127.0.0.1:" + b.tlsPort() + "?sslEnabled=true&" + trusting(clientTrust)),
                "as Artemis URLs ask for TLS");
        assertRoundTrip(connect(Broker.url(b, null)), "the plain port still works");
        c.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 3);
    }

    @Test
    @DisplayName("a client that does not trust the broker's certificate gets a JMSException saying so")
    void untrustedBrokerIsRefused() throws Exception {
        WrenBroker b = broker();
        JMSException e = refused(sslUrl(b, "127.0.0.1", ""));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        assertRoundTrip(connect(sslUrl(b, "127.0.0.1", trusting(clientTrust))), "others still connect");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);
    }

    @Test
    @DisplayName("a certificate that does not name the host fails host name verification, unless verifyHost=false")
    void verifiesTheHostName() throws Exception {
        WrenBroker b = broker(misnamedKeys, c -> c);
        JMSException e = refused(sslUrl(b, "127.0.0.1", trusting(misnamedTrust)));
        assertTrue(e.getMessage().contains("does not name 127.0.0.1") && e.getMessage().contains("verifyHost"),
                e.getMessage());
        assertRoundTrip(connect(sslUrl(b, "127.0.0.1", trusting(misnamedTrust) + "&verifyHost=false")), "unverified");
    }

    @Test
    @DisplayName("ssl-client-auth=need: a client presenting a trusted certificate connects; none or an unknown one "
            + "is refused")
    void mutualTls() throws Exception {
        WrenBroker b = broker(brokerKeys, c -> c.set("ssl-client-auth", "need")
                .set("ssl-trust-store", brokerTrust.toString())
                .set("ssl-trust-store-password", TestCertificates.PASSWORD));
        Connection good = connect(sslUrl(b, "127.0.0.1", trusting(clientTrust) + "&" + presenting(clientKeys)));
        JMSException none = refused(sslUrl(b, "127.0.0.1", trusting(clientTrust)));
        assertTrue(none.getMessage().contains("keyStorePath"), none.getMessage());
        refused(sslUrl(b, "127.0.0.1", trusting(clientTrust) + "&" + presenting(strangerKeys)));
        assertRoundTrip(good, "mutual");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);
    }

    @Test
    @DisplayName("a plaintext client on the TLS port, and a TLS client on the plain port, fail cleanly while a TLS "
            + "client keeps working")
    void wrongProtocolOnAPortFailsAlone() throws Exception {
        WrenBroker b = broker();
        Connection good = connect(sslUrl(b, "127.0.0.1", trusting(clientTrust)));
        refused("tcp://127.0.0.1:" + b.tlsPort() + "?connectTimeout=5000");
        refused("ssl://127.0.0.1:" + b.port() + "?connectTimeout=5000&" + trusting(clientTrust));
        assertRoundTrip(good, "still here");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);
    }

    @Test
    @DisplayName("an ssl-port that is taken stops the start with an error naming ssl-port and that port")
    void takenTlsPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerStartException e = assertThrows(BrokerStartException.class,
                    () -> broker(brokerKeys, c -> c.set("ssl-port", String.valueOf(taken.getLocalPort()))));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort() + " (ssl-port)"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a client's trust store that is missing or has another password is a JMSException naming the option")
    void clientStoreMistakes() {
        String url = "ssl://127.0.0.1:1?trustStorePath=" + dir.resolve("nothing.p12");
        JMSException missing = refused(url);
        assertTrue(missing.getMessage().contains("trustStorePath") && missing.getMessage().contains("no such file"),
                missing.getMessage());
        JMSException wrong = refused("ssl://127.0.0.1:1?trustStorePath=" + clientTrust + "&trustStorePassword=nope");
        assertTrue(wrong.getMessage().contains("trustStorePassword"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("nope"), wrong.getMessage());
    }

    @Test
    @DisplayName("a broker whose key store is missing or has another password does not start, saying which and why")
    void brokerStoreMistakes() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> broker(dir.resolve("nothing.p12"), c -> c));
        assertTrue(missing.getMessage().contains("ssl-key-store") && missing.getMessage().contains("no such file"),
                missing.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> broker(brokerKeys, c -> c.set("ssl-key-store-password", "nope")));
        assertTrue(wrong.getMessage().contains("ssl-key-store") && wrong.getMessage().contains("wrong password"),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("nope"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("\n"), wrong.getMessage());
        IllegalArgumentException onlyCertificates = assertThrows(IllegalArgumentException.class,
                () -> broker(clientTrust, c -> c));
        assertTrue(onlyCertificates.getMessage().contains("holds no private key"), onlyCertificates.getMessage());
    }
}
