package io.wrenmq.selector;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.message.MessageCodec;
import io.wrenmq.jms.message.WrenMessage;
import io.wrenmq.jms.message.WrenTextMessage;
import io.wrenmq.protocol.MessageHeaders;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selectors evaluated as the broker does: against the encoded bytes of a message, through {@link MessageHeaders}. */
class MessageHeadersContextTest {

    private static Truth eval(String selector, WrenMessage m) throws JMSException {
        return Selector.parse(selector).evaluate(new MessageHeadersContext(MessageHeaders.parse(MessageCodec.encode(m))));
    }

    private static WrenTextMessage car() throws JMSException {
        WrenTextMessage m = new WrenTextMessage();
        m.setText("a body the broker never reads");
        m.setJMSDestination(new WrenQueue("orders"));
        m.setJMSMessageID("ID:wren-1");
        m.setJMSTimestamp(1_700_000_000_000L);
        m.setJMSCorrelationID("order-42");
        m.setJMSType("car");
        m.setJMSPriority(7);
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        m.setStringProperty("color", "blue");
        m.setIntProperty("weight", 2600);
        m.setBooleanProperty("insured", true);
        m.setByteProperty("doors", (byte) 5);
        m.setShortProperty("seats", (short) 4);
        m.setLongProperty("vin", 1L << 40);
        m.setFloatProperty("ratio", 1.1f);
        m.setDoubleProperty("price", 19_999.99);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "JMSType = 'car' AND color = 'blue' AND weight > 2500",
            "JMSDeliveryMode = 'PERSISTENT'",
            "JMSPriority = 7",
            "JMSPriority BETWEEN 5 AND 9",
            "JMSMessageID = 'ID:wren-1'",
            "JMSTimestamp = 1700000000000",
            "JMSCorrelationID LIKE 'order-%'",
            "JMSType IN ('car', 'van')",
            "insured",
            "insured = TRUE",
            "doors = 5",
            "doors * doors = 25",
            "seats < doors",
            "vin = 1099511627776",
            "ratio = 1.1F",
            "price > 19999.5",
            "weight + doors = 2605",
            "JMSXGroupID IS NULL",
            "absent IS NULL",
    })
    void selectsByTheHeaderFieldsAndPropertiesOfTheEncodedMessage(String selector) throws JMSException {
        assertEquals(Truth.TRUE, eval(selector, car()));
    }

    @Test
    void keepsTheTypesOfThePropertiesForNumericPromotion() throws JMSException {
        WrenMessage m = car();
        m.setIntProperty("big", Integer.MAX_VALUE);
        m.setIntProperty("one", 1);
        assertEquals(Truth.TRUE, eval("big + one < 0", m), "int + int wraps: the ints arrived as ints");
        assertEquals(Truth.FALSE, eval("ratio = 1.1", m), "the float arrived as a float");
        assertEquals(Truth.FALSE, eval("color = 5", m));
    }

    @Test
    void readsJmsDeliveryModeAsPersistentOrNonPersistent() throws JMSException {
        WrenMessage m = car();
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertEquals(Truth.TRUE, eval("JMSDeliveryMode = 'NON_PERSISTENT'", m));
        assertEquals(Truth.FALSE, eval("JMSDeliveryMode = 'PERSISTENT'", m));
    }

    @Test
    void readsUnsetHeaderFieldsAsNull() throws JMSException {
        WrenMessage m = new WrenMessage();
        m.setJMSDestination(new WrenQueue("orders"));
        for (String field : new String[] {"JMSMessageID", "JMSCorrelationID", "JMSType"}) {
            assertEquals(Truth.TRUE, eval(field + " IS NULL", m), field);
            assertEquals(Truth.UNKNOWN, eval(field + " = 'x'", m), field);
        }
        assertEquals(Truth.FALSE, eval("JMSPriority IS NULL", m));
    }

    @Test
    void readsACorrelationIdSetAsBytesAsNull() throws JMSException {
        WrenMessage m = car();
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        assertEquals(Truth.TRUE, eval("JMSCorrelationID IS NULL", m));
    }

    @Test
    void matchesOnlyWhatTheSelectorSelects() throws JMSException {
        MessageHeadersContext context = new MessageHeadersContext(MessageHeaders.parse(MessageCodec.encode(car())));
        assertTrue(Selector.parse("color = 'blue'").matches(context));
        assertFalse(Selector.parse("color = 'red'").matches(context));
        assertFalse(Selector.parse("NOT (absent = 1)").matches(context));
    }
}
