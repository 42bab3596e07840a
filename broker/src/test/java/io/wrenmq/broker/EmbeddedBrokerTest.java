package io.wrenmq.broker;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedBrokerTest {
    @TempDir
    Path dataDir;

    @Test
    void embeddedBrokerOnAFreePortCarriesAMessageAndStopsCleanly() throws Exception {
        try (WrenBroker broker = WrenBroker.start(
                BrokerConfig.builder().dataDir(dataDir).host("127.0.0.1").port(0).build())) {
            assertTrue(broker.port() > 0);
            WrenConnectionFactory cf = new WrenConnectionFactory(broker.url());
            try (Connection c = cf.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue q = s.createQueue("embedded");
                MessageProducer p = s.createProducer(q);
                p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                p.send(s.createTextMessage("hello"));
                MessageConsumer consumer = s.createConsumer(q);
                TextMessage m = (TextMessage) consumer.receive(5000);
                assertEquals("hello", m.getText());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.queueStats("embedded").orElseThrow().depth() == 0);
        }
    }

    @Test
    void secondBrokerOnATakenPortFailsWithAClearReason() {
        try (WrenBroker first = WrenBroker.start(
                BrokerConfig.builder().dataDir(dataDir).host("127.0.0.1").port(0).build())) {
            BrokerStartException e = assertThrows(BrokerStartException.class, () -> WrenBroker.start(
                    BrokerConfig.builder().dataDir(dataDir.resolve("second")).host("127.0.0.1").port(first.port())
                            .build()));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
        }
    }

    @Test
    void clientsOfAStoppedBrokerSeeTheirConnectionFail() throws Exception {
        WrenBroker broker = WrenBroker.start(
                BrokerConfig.builder().dataDir(dataDir).host("127.0.0.1").port(0).build());
        Connection c = new WrenConnectionFactory(broker.url()).createConnection();
        JMSException[] seen = new JMSException[1];
        c.setExceptionListener(e -> seen[0] = e);
        broker.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen[0] != null);
        c.close();
    }
}
