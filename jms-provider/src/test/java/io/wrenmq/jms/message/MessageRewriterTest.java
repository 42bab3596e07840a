package io.wrenmq.jms.message;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import io.wrenmq.protocol.MessageHeaders;
import io.wrenmq.protocol.MessageRewriter;
import io.wrenmq.protocol.WireDestination;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The broker's copy of a message it forwards: everything kept but the destination, the added properties, expiry. */
class MessageRewriterTest {

    private static WrenTextMessage original() throws JMSException {
        WrenTextMessage m = new WrenTextMessage();
        m.setText("body ü");
        m.setJMSMessageID("ID:wren-1");
        m.setJMSCorrelationID("corr");
        m.setJMSDestination(new WrenTopic("prices"));
        m.setJMSReplyTo(new WrenQueue("replies"));
        m.setJMSType("quote");
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        m.setJMSPriority(7);
        m.setJMSTimestamp(1000);
        m.setJMSExpiration(5000);
        m.setJMSDeliveryTime(1500);
        m.setStringProperty("kept", "yes");
        m.setIntProperty("replaced", 1);
        return m;
    }

    private static WrenMessage decode(byte[] encoded) {
        return MessageCodec.decode(encoded, wire -> wire.kind().isTopic()
                ? new WrenTopic(wire.name()) : new WrenQueue(wire.name()));
    }

    @Test
    void keepsEverythingButTheDestinationAndAddsProperties() throws JMSException {
        byte[] encoded = MessageCodec.encode(original());
        byte[] before = Arrays.copyOf(encoded, encoded.length);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("replaced", "two");
        added.put("JMS_WrenCause", "test");
        added.put("count", 3L);
        byte[] copy = MessageRewriter.forward(encoded, WireDestination.queue("DLQ"), added, false);

        assertArrayEquals(before, encoded, "the original bytes are left alone");
        WrenTextMessage m = (WrenTextMessage) decode(copy);
        assertEquals("body ü", m.getText());
        assertEquals("ID:wren-1", m.getJMSMessageID());
        assertEquals("corr", m.getJMSCorrelationID());
        assertEquals("DLQ", ((Queue) m.getJMSDestination()).getQueueName());
        assertEquals("replies", ((Queue) m.getJMSReplyTo()).getQueueName());
        assertEquals("quote", m.getJMSType());
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(7, m.getJMSPriority());
        assertEquals(1000, m.getJMSTimestamp());
        assertEquals(5000, m.getJMSExpiration());
        assertEquals(1500, m.getJMSDeliveryTime());
        assertEquals("yes", m.getStringProperty("kept"));
        assertEquals("two", m.getStringProperty("replaced"));
        assertEquals("test", m.getStringProperty("JMS_WrenCause"));
        assertEquals(3L, m.getLongProperty("count"));
        MessageHeaders.parse(copy);
    }

    @Test
    void clearsTheExpirationWhenAsked() throws JMSException {
        byte[] copy = MessageRewriter.forward(MessageCodec.encode(original()), WireDestination.queue("ExpiryQueue"),
                Map.of(), true);
        assertEquals(0, decode(copy).getJMSExpiration());
        assertEquals(0, MessageHeaders.expirationOf(copy));
    }

    @Test
    void refusesWhatIsNotAMessage() {
        assertThrows(RuntimeException.class, () -> MessageRewriter.forward(new byte[] {1, 2, 3},
                WireDestination.queue("DLQ"), Map.of(), false));
    }
}
