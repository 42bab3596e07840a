package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.tck.objects.Gadget;
import io.wrenmq.tck.objects.Shipment;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ObjectMessage safety (issue 6): a consumer deserializes only the classes its connection factory allows, so a
 * producer cannot make it run a gadget's code; the broker forwards the bytes without deserializing them. Payload
 * classes are in {@code io.wrenmq.tck.objects}, which nothing allows unless a test says so.
 */
@DisplayName("ObjectMessage deserialization: allow-list and deny-list")
class ObjectMessageSecurityTest extends JmsTestSupport {
    private static final String ALLOW_PROPERTY = "io.wrenmq.jms.deserialization.allowList";
    private static final long RECEIVE_TIMEOUT_MS = 5000;

    @AfterEach
    void noGadgetEverRan() {
        System.clearProperty(ALLOW_PROPERTY);
        assertFalse(Gadget.ran(), "a Gadget was deserialized, by the broker or a client");
    }

    /** Sends {@code payload} with the default factory; receives it through {@code consumerFactory}. */
    private ObjectMessage sendAndReceive(ConnectionFactory consumerFactory, Serializable payload) throws JMSException {
        Connection producing = connection();
        Connection consuming = track(consumerFactory.createConnection());
        consuming.start();
        Session in = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = in.createQueue(uniqueName());
        MessageConsumer consumer = in.createConsumer(queue);
        Session out = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = out.createProducer(queue);
        producer.send(out.createObjectMessage(payload));
        ObjectMessage received = assertInstanceOf(ObjectMessage.class, consumer.receive(RECEIVE_TIMEOUT_MS));
        assertNotNull(received, "nothing received");
        return received;
    }

    private static MessageFormatException assertRefused(ObjectMessage m, Class<?> named) throws JMSException {
        MessageFormatException e = assertThrows(MessageFormatException.class, m::getObject);
        assertTrue(e.getMessage().contains(named.getName()), e.getMessage());
        assertThrows(MessageFormatException.class, () -> m.getBody(Serializable.class));
        assertFalse(m.isBodyAssignableTo(Serializable.class));
        return e;
    }

    private static WrenConnectionFactory factory(String urlOptions) {
        return new WrenConnectionFactory(Broker.url(urlOptions));
    }

    @Test
    @DisplayName("by default the JDK's value types round-trip and an application class is refused, saying how to "
            + "allow it")
    void defaultsAllowJdkTypesOnly() throws Exception {
        HashMap<String, Serializable> jdk = new HashMap<>(Map.of("total", new BigDecimal("12.50"),
                "at", Instant.ofEpochSecond(1_700_000_000), "lines", new ArrayList<>(List.of("a", "b"))));
        assertEquals(jdk, sendAndReceive(factory, jdk).getObject());

        MessageFormatException e = assertRefused(sendAndReceive(factory, new Shipment("nuts", 3)), Shipment.class);
        assertTrue(e.getMessage().contains("deserializationAllowList"), e.getMessage());
    }

    @Test
    @DisplayName("a gadget never runs: not on the broker, not on getObject, not hidden in a list or an array")
    void gadgetNeverRuns() throws Exception {
        ObjectMessage m = sendAndReceive(factory, new Gadget());
        assertFalse(Gadget.ran(), "the broker deserialized the body");
        assertRefused(m, Gadget.class);
        assertRefused(sendAndReceive(factory, new ArrayList<>(List.of("harmless", new Gadget()))), Gadget.class);
        assertRefused(sendAndReceive(factory, new Object[] {new Gadget()}), Gadget.class);
    }

    @Test
    @DisplayName("setDeserializationAllowList allows a package; a class in it can still be denied, and the deny-list "
            + "wins")
    void factorySetterAllowsAndDenyWins() throws Exception {
        WrenConnectionFactory cf = factory(null);
        cf.setDeserializationAllowList(Shipment.class.getPackageName());
        assertEquals(new Shipment("bolts", 2), sendAndReceive(cf, new Shipment("bolts", 2)).getObject());

        cf.setDeserializationDenyList(Gadget.class.getName());
        MessageFormatException e = assertRefused(sendAndReceive(cf, new Gadget()), Gadget.class);
        assertTrue(e.getMessage().contains("deny-list"), e.getMessage());
    }

    @Test
    @DisplayName("the URL option deserializationAllowList allows one class, and only that one")
    void urlOptionAllowsAClass() throws Exception {
        WrenConnectionFactory cf = factory("deserializationAllowList=" + Shipment.class.getName());
        assertEquals(new Shipment("rivets", 9), sendAndReceive(cf, new Shipment("rivets", 9)).getObject());
        assertRefused(sendAndReceive(cf, new Gadget()), Gadget.class);
    }

    @Test
    @DisplayName("the URL option deserializationDenyList takes back what * allowed")
    void urlDenyListBeatsTrustAll() throws Exception {
        WrenConnectionFactory cf = factory("deserializationDenyList=" + Gadget.class.getName());
        cf.setTrustAllPackages(true);
        assertEquals(new Shipment("pins", 1), sendAndReceive(cf, new Shipment("pins", 1)).getObject());
        assertRefused(sendAndReceive(cf, new Gadget()), Gadget.class);
    }

    @Test
    @DisplayName("the system property io.wrenmq.jms.deserialization.allowList applies to connections opened after "
            + "it is set")
    void systemPropertyAllows() throws Exception {
        System.setProperty(ALLOW_PROPERTY, Shipment.class.getName());
        assertEquals(new Shipment("nails", 4), sendAndReceive(factory, new Shipment("nails", 4)).getObject());
    }

    @Test
    @DisplayName("JMSConsumer.receiveBody of a refused class: MessageFormatRuntimeException")
    void receiveBodyOfARefusedClass() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue(uniqueName());
            var consumer = context.createConsumer(queue);
            context.createProducer().send(queue, new Gadget());
            assertThrows(MessageFormatRuntimeException.class,
                    () -> consumer.receiveBody(Serializable.class, RECEIVE_TIMEOUT_MS));
        }
    }
}
