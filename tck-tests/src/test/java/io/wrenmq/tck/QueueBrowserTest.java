package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Jakarta Messaging 3.1, section 6.2.8: queue browsers. */
@DisplayName("QueueBrowser (spec 6.2.8)")
class QueueBrowserTest extends JmsTestSupport {

    private static List<String> browse(QueueBrowser b) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Enumeration<?> e = b.getEnumeration(); e.hasMoreElements(); ) {
            texts.add(text((Message) e.nextElement()));
        }
        return texts;
    }

    private static void send(Session s, Queue q, int count, int priority) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < count; i++) {
            Message m = s.createTextMessage("p" + priority + "-" + i);
            m.setIntProperty("i", i);
            p.send(m, DeliveryMode.PERSISTENT, priority, 0);
        }
    }

    @Test
    @DisplayName("a browser sees the waiting messages in delivery order (priority, then arrival) without taking them")
    void browserSeesMessagesInDeliveryOrderWithoutConsuming() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        send(s, q, 2, 4);
        send(s, q, 1, 9);
        QueueBrowser b = s.createBrowser(q);
        assertEquals(q, b.getQueue());
        assertNull(b.getMessageSelector());
        assertEquals(List.of("p9-0", "p4-0", "p4-1"), browse(b));
        assertEquals(List.of("p9-0", "p4-0", "p4-1"), browse(b), "a second enumeration sees them again");
        assertEquals(3, Broker.queueDepth(q.getQueueName()));
        MessageConsumer c = s.createConsumer(q);
        assertEquals("p9-0", text(c.receive(5000)));
    }

    @Test
    @DisplayName("a browser honours its selector, and walks a queue larger than one page")
    void browserHonoursSelectorAcrossPages() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(uniqueName());
        send(s, q, 1000, 4);
        List<String> even = browse(s.createBrowser(q, "i - (i / 2) * 2 = 0"));
        assertEquals(500, even.size());
        assertEquals("p4-0", even.get(0));
        assertEquals("p4-998", even.get(499));
        assertEquals(1000, browse(s.createBrowser(q)).size());
    }

    @Test
    @DisplayName("a browser sees a backlog paged out to the store, in order")
    void browserSeesMessagesInTheStoreOnly() throws Exception {
        try (WrenBroker small = Broker.startDedicated(b -> b.maxFrameSize(16 * 1024).maxDestinationMemory(32 * 1024))) {
            Connection c = track(new WrenConnectionFactory(Broker.url(small, null)).createConnection());
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(uniqueName());
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 200; i++) {
                Message m = s.createTextMessage("m" + i + "-" + "x".repeat(1000));
                m.setIntProperty("i", i);
                p.send(m);
            }
            List<Integer> seen = new ArrayList<>();
            for (Enumeration<?> e = s.createBrowser(q).getEnumeration(); e.hasMoreElements(); ) {
                seen.add(((Message) e.nextElement()).getIntProperty("i"));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen);
        }
    }

    @Test
    @DisplayName("browsing an empty queue: no elements; nextElement then is NoSuchElementException")
    void emptyQueueHasNoElements() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Enumeration<?> e = s.createBrowser(s.createQueue(uniqueName())).getEnumeration();
        assertFalse(e.hasMoreElements());
        assertThrows(java.util.NoSuchElementException.class, e::nextElement);
    }

    @Test
    @DisplayName("a closed browser refuses getEnumeration with IllegalStateException; close is idempotent")
    void closedBrowserRefusesEnumeration() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser b = s.createBrowser(s.createQueue(uniqueName()));
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, b::getEnumeration);
    }

    @Test
    @DisplayName("a temporary queue may be browsed by its own connection only; a null queue is invalid")
    void temporaryQueueBrowsingIsForItsOwner() throws Exception {
        Session mine = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = mine.createTemporaryQueue();
        mine.createProducer(tq).send(mine.createTextMessage("t"));
        assertEquals(List.of("t"), browse(mine.createBrowser(tq)));
        Session other = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> other.createBrowser(tq));
        assertThrows(InvalidDestinationException.class, () -> other.createBrowser(null));
    }
}
