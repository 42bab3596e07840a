package io.wrenmq.tck;

import io.wrenmq.tck.ConversionTable.Row;
import io.wrenmq.tck.ConversionTable.Type;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, the {@code JMSProducer} javadoc and section 7: sending with the simplified API. */
@DisplayName("JMSProducer (javadoc of JMSProducer, spec 7)")
class JMSProducerTest extends ContextTestSupport {

    private static void set(JMSProducer p, String name, Type type, Object v) {
        switch (type) {
            case BOOLEAN -> p.setProperty(name, (boolean) (Boolean) v);
            case BYTE -> p.setProperty(name, (byte) (Byte) v);
            case SHORT -> p.setProperty(name, (short) (Short) v);
            case INT -> p.setProperty(name, (int) (Integer) v);
            case LONG -> p.setProperty(name, (long) (Long) v);
            case FLOAT -> p.setProperty(name, (float) (Float) v);
            case DOUBLE -> p.setProperty(name, (double) (Double) v);
            case STRING -> p.setProperty(name, (String) v);
            case CHAR, BYTES -> throw new IllegalArgumentException("no property type " + type);
        }
    }

    /**
     * Reads a property of the producer as {@code type}. The conversion table expects the classic API's
     * MessageFormatException for a refused conversion; the producer's MessageFormatRuntimeException stands for it.
     */
    private static Object get(JMSProducer p, String name, Type type) throws MessageFormatException {
        try {
            return switch (type) {
                case BOOLEAN -> p.getBooleanProperty(name);
                case BYTE -> p.getByteProperty(name);
                case SHORT -> p.getShortProperty(name);
                case INT -> p.getIntProperty(name);
                case LONG -> p.getLongProperty(name);
                case FLOAT -> p.getFloatProperty(name);
                case DOUBLE -> p.getDoubleProperty(name);
                case STRING -> p.getStringProperty(name);
                case CHAR, BYTES -> throw new IllegalArgumentException("no property type " + type);
            };
        } catch (MessageFormatRuntimeException e) {
            throw new MessageFormatException(e.getMessage());
        }
    }

    @Test
    @DisplayName("send(destination, body) makes a TextMessage, MapMessage, BytesMessage or ObjectMessage with that "
            + "body; send(destination, message) sends the message as it is")
    void eachSendMakesTheMessageTypeOfItsBody() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        Map<String, Object> map = new HashMap<>(Map.of("i", 1, "s", "two", "b", true));
        TextMessage own = ctx.createTextMessage("own");
        own.setStringProperty("kept", "yes");
        ctx.createProducer()
                .send(q, "text")
                .send(q, map)
                .send(q, new byte[] {4, 5})
                .send(q, (Serializable) List.of("x"))
                .send(q, own);
        assertEquals("text", assertInstanceOf(TextMessage.class, consumer.receive(5000)).getText());
        MapMessage m = assertInstanceOf(MapMessage.class, consumer.receive(5000));
        assertEquals(map, m.getBody(Map.class));
        BytesMessage b = assertInstanceOf(BytesMessage.class, consumer.receive(5000));
        assertArrayEquals(new byte[] {4, 5}, b.getBody(byte[].class));
        assertEquals(List.of("x"), assertInstanceOf(ObjectMessage.class, consumer.receive(5000)).getObject());
        TextMessage received = assertInstanceOf(TextMessage.class, consumer.receive(5000));
        assertEquals("own", received.getText());
        assertEquals("yes", received.getStringProperty("kept"));
        assertEquals(own.getJMSMessageID(), received.getJMSMessageID(), "the sender's message has its headers set");
    }

    @Test
    @DisplayName("a null body sends a message of the body's type with no body")
    void nullBodiesSendMessagesWithoutBody() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        ctx.createProducer()
                .send(q, (String) null)
                .send(q, (Map<String, Object>) null)
                .send(q, (byte[]) null)
                .send(q, (Serializable) null);
        assertNull(assertInstanceOf(TextMessage.class, consumer.receive(5000)).getText());
        assertFalse(assertInstanceOf(MapMessage.class, consumer.receive(5000)).getMapNames().hasMoreElements());
        assertEquals(0, assertInstanceOf(BytesMessage.class, consumer.receive(5000)).getBodyLength());
        assertNull(assertInstanceOf(ObjectMessage.class, consumer.receive(5000)).getObject());
    }

    @Test
    @DisplayName("send options have the documented defaults, are chained, and apply to every message sent")
    void sendOptionsApplyToEveryMessage() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        JMSProducer p = ctx.createProducer();
        assertAll("defaults",
                () -> assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode()),
                () -> assertEquals(Message.DEFAULT_PRIORITY, p.getPriority()),
                () -> assertEquals(Message.DEFAULT_TIME_TO_LIVE, p.getTimeToLive()),
                () -> assertEquals(Message.DEFAULT_DELIVERY_DELAY, p.getDeliveryDelay()),
                () -> assertFalse(p.getDisableMessageID()),
                () -> assertFalse(p.getDisableMessageTimestamp()),
                () -> assertNull(p.getAsync()));
        assertSame(p, p.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(7).setTimeToLive(60_000)
                .setDeliveryDelay(50).setDisableMessageID(true).setDisableMessageTimestamp(true));
        assertAll("as set",
                () -> assertEquals(DeliveryMode.NON_PERSISTENT, p.getDeliveryMode()),
                () -> assertEquals(7, p.getPriority()),
                () -> assertEquals(60_000, p.getTimeToLive()),
                () -> assertEquals(50, p.getDeliveryDelay()),
                () -> assertTrue(p.getDisableMessageID()),
                () -> assertTrue(p.getDisableMessageTimestamp()));

        long before = System.currentTimeMillis();
        p.send(q, "one").send(q, "two");
        long after = System.currentTimeMillis();
        for (String expected : List.of("one", "two")) {
            Message m = consumer.receive(5000);
            assertEquals(expected, text(m));
            assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
            assertEquals(7, m.getJMSPriority());
            assertTrue(m.getJMSExpiration() >= before + 60_000 && m.getJMSExpiration() <= after + 60_000,
                    "expiration " + m.getJMSExpiration());
            assertTrue(m.getJMSDeliveryTime() >= before + 50 && m.getJMSDeliveryTime() <= after + 50,
                    "delivery time " + m.getJMSDeliveryTime());
            assertNull(m.getJMSMessageID(), "message ids disabled");
            assertEquals(0, m.getJMSTimestamp(), "timestamps disabled");
        }
    }

    @Test
    @DisplayName("an invalid delivery mode or priority is JMSRuntimeException, and the setting is kept")
    void invalidSendOptionsAreRefused() {
        JMSProducer p = context().createProducer();
        assertThrows(JMSRuntimeException.class, () -> p.setDeliveryMode(3));
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(10));
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(-1));
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, p.getPriority());
    }

    @Test
    @DisplayName("two producers of one context keep settings of their own")
    void producersKeepTheirOwnSettings() {
        JMSContext ctx = context();
        JMSProducer fast = ctx.createProducer().setPriority(9).setProperty("who", "fast");
        JMSProducer plain = ctx.createProducer();
        assertEquals(Message.DEFAULT_PRIORITY, plain.getPriority());
        assertFalse(plain.propertyExists("who"));
        assertEquals(9, fast.getPriority());
    }

    @Test
    @DisplayName("setProperty of every type puts the property on every message sent, typed")
    void propertiesOfEveryTypeArriveOnEveryMessage() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        JMSProducer p = ctx.createProducer();
        for (Row row : ConversionTable.propertyRows()) {
            set(p, "typed" + row.written(), row.written(), row.value());
            p.setProperty("object" + row.written(), row.value());
        }
        p.send(q, "one").send(q, ctx.createMessage());
        for (int i = 0; i < 2; i++) {
            Message m = consumer.receive(5000);
            for (Row row : ConversionTable.propertyRows()) {
                assertEquals(row.value(), m.getObjectProperty("typed" + row.written()), row.toString());
                assertEquals(row.value(), m.getObjectProperty("object" + row.written()), row.toString());
            }
        }
    }

    static List<Row> propertyRows() {
        return ConversionTable.propertyRows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyRows")
    @DisplayName("the producer's getters convert its properties by the table of spec 3.5.4; a refused conversion is "
            + "MessageFormatRuntimeException")
    void propertyGettersFollowTheConversionTable(Row row) throws JMSException {
        JMSProducer p = context().createProducer();
        set(p, "v", row.written(), row.value());
        assertEquals(row.value(), p.getObjectProperty("v"));
        ConversionTable.assertReads(row, ConversionTable.PROPERTY_TYPES, as -> get(p, "v", as));
    }

    @Test
    @DisplayName("a missing property reads as valueOf(null) would, and getObjectProperty and getStringProperty as "
            + "null")
    void missingPropertiesConvertAsNull() throws JMSException {
        JMSProducer p = context().createProducer();
        assertNull(p.getObjectProperty("absent"));
        ConversionTable.assertNullConversions(ConversionTable.PROPERTY_TYPES, as -> get(p, "absent", as));
    }

    @Test
    @DisplayName("propertyExists, getPropertyNames (an unmodifiable view backed by the producer) and "
            + "clearProperties")
    void propertyNamesAreAnUnmodifiableLiveView() {
        JMSProducer p = context().createProducer();
        Set<String> names = p.getPropertyNames();
        assertTrue(names.isEmpty());
        p.setProperty("a", 1).setProperty("b", "two");
        assertTrue(p.propertyExists("a"));
        assertFalse(p.propertyExists("c"));
        assertEquals(Set.of("a", "b"), names, "changes to the producer show in the set");
        assertThrows(UnsupportedOperationException.class, () -> names.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> names.remove("a"));
        assertThrows(UnsupportedOperationException.class, names::clear);
        assertSame(p, p.clearProperties());
        assertTrue(names.isEmpty());
        assertFalse(p.propertyExists("a"));
    }

    @Test
    @DisplayName("setProperty: a null or empty name is IllegalArgumentException; a value that is not a boxed "
            + "primitive or String is MessageFormatRuntimeException")
    void invalidPropertiesAreRefused() {
        JMSProducer p = context().createProducer();
        assertThrows(IllegalArgumentException.class, () -> p.setProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty("NOT", true), "a selector keyword");
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("list", (Object) List.of()));
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("chars", (Object) 'c'));
        assertTrue(p.getPropertyNames().isEmpty());
    }

    @Test
    @DisplayName("the producer's properties and header values override the message's own; header values it never "
            + "set leave the message's alone")
    void producerValuesOverrideTheMessages() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        Queue replies = ctx.createQueue(uniqueName());
        Queue otherReplies = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);

        TextMessage own = ctx.createTextMessage("own");
        own.setStringProperty("both", "message");
        own.setStringProperty("mine", "message");
        own.setJMSType("message-type");
        own.setJMSReplyTo(otherReplies);
        own.setJMSCorrelationID("message-correlation");
        ctx.createProducer().setProperty("both", "producer").send(q, own);
        Message m = consumer.receive(5000);
        assertEquals("producer", m.getStringProperty("both"));
        assertEquals("message", m.getStringProperty("mine"));
        assertEquals("message-type", m.getJMSType(), "type not set on the producer");
        assertEquals(otherReplies, m.getJMSReplyTo());
        assertEquals("message-correlation", m.getJMSCorrelationID());

        JMSProducer p = ctx.createProducer();
        assertSame(p, p.setJMSType("producer-type").setJMSReplyTo(replies).setJMSCorrelationID("producer-corr"));
        assertEquals("producer-type", p.getJMSType());
        assertEquals(replies, p.getJMSReplyTo());
        assertEquals("producer-corr", p.getJMSCorrelationID());
        p.send(q, own);
        Message overridden = consumer.receive(5000);
        assertEquals("producer-type", overridden.getJMSType());
        assertEquals(replies, overridden.getJMSReplyTo());
        assertEquals("producer-corr", overridden.getJMSCorrelationID());
    }

    @Test
    @DisplayName("setJMSCorrelationIDAsBytes copies the array and sets the bytes on each message")
    void correlationIdAsBytesIsCopiedAndSent() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        byte[] id = "corr".getBytes(StandardCharsets.UTF_8);
        JMSProducer p = ctx.createProducer().setJMSCorrelationIDAsBytes(id);
        id[0] = 'X';
        assertArrayEquals("corr".getBytes(StandardCharsets.UTF_8), p.getJMSCorrelationIDAsBytes());
        p.send(q, "with bytes");
        assertArrayEquals("corr".getBytes(StandardCharsets.UTF_8),
                consumer.receive(5000).getJMSCorrelationIDAsBytes());
    }

    @Test
    @DisplayName("a null destination is InvalidDestinationRuntimeException, a null message or an invalid map value "
            + "MessageFormatRuntimeException")
    void invalidSendsAreRefused() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSProducer p = ctx.createProducer();
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, "x"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send((Destination) null, ctx.createMessage()));
        assertThrows(MessageFormatRuntimeException.class, () -> p.send(q, (Message) null));
        assertThrows(MessageFormatRuntimeException.class,
                () -> p.send(q, Map.<String, Object>of("list", List.of(1))));
        assertNull(ctx.createConsumer(q).receive(200), "nothing was sent");
    }

    @Test
    @DisplayName("properties on a received message are read-only: resending it with producer properties is "
            + "MessageNotWriteableRuntimeException, without them it is sent")
    void resendingAReceivedMessageWithPropertiesIsNotWriteable() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        Queue next = ctx.createQueue(uniqueName());
        ctx.createProducer().send(q, "pass it on");
        Message received = ctx.createConsumer(q).receive(5000);
        assertNotNull(received);
        assertThrows(MessageNotWriteableRuntimeException.class,
                () -> ctx.createProducer().setProperty("hop", 1).send(next, received));
        ctx.createProducer().send(next, received);
        assertEquals("pass it on", ctx.createConsumer(next).receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("setAsync: sends return at once and the CompletionListener is called for each, in order, on "
            + "another thread; setAsync(null) makes sends synchronous again")
    void asyncSendsCallTheCompletionListenerInOrder() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        Completions completions = new Completions();
        JMSProducer p = ctx.createProducer();
        assertSame(p, p.setAsync(completions));
        assertSame(completions, p.getAsync());
        for (int i = 0; i < 20; i++) {
            p.send(q, "m" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> completions.texts.size() == 20);
        assertEquals(20, completions.texts.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, completions.texts.get(i));
        }
        assertTrue(completions.failures.isEmpty(), completions.failures::toString);
        assertFalse(completions.threads.contains(Thread.currentThread()), "never on the sending thread");

        p.setAsync(null);
        assertNull(p.getAsync());
        p.send(q, "sync");
        assertEquals(20, completions.texts.size(), "a synchronous send calls no listener");
        JMSConsumer consumer = ctx.createConsumer(q);
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, consumer.receiveBody(String.class, 5000));
        }
        assertEquals("sync", consumer.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("a send the client refuses throws in the sending thread and calls no CompletionListener")
    void refusedAsyncSendThrowsAndCallsNoListener() {
        JMSContext ctx = context();
        Completions completions = new Completions();
        JMSProducer p = ctx.createProducer().setAsync(completions);
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, "x"));
        ctx.close();
        assertTrue(completions.texts.isEmpty() && completions.failures.isEmpty(),
                "closing waits for callbacks; none came");
    }

    @Test
    @DisplayName("message ids differ between the producers of a context")
    void messageIdsAreUniqueAcrossProducers() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        TextMessage a = ctx.createTextMessage("a");
        TextMessage b = ctx.createTextMessage("b");
        ctx.createProducer().send(q, a);
        ctx.createProducer().send(q, b);
        assertNotNull(a.getJMSMessageID());
        assertTrue(a.getJMSMessageID().startsWith("ID:"));
        assertNotEquals(a.getJMSMessageID(), b.getJMSMessageID());
    }
}
