package io.wrenmq.tck;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, the {@code JMSConsumer} javadoc and section 8.6: receiving with the simplified API. */
@DisplayName("JMSConsumer (javadoc of JMSConsumer, spec 8.6)")
class JMSConsumerTest extends ContextTestSupport {

    /** Calls {@code call} on a thread of its own and returns once that thread waits in it. */
    private static <T> CompletableFuture<T> blocked(Supplier<T> call) {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            return call.get();
        }, THREAD_PER_TASK);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> result.isDone() || caller.get() != null && isBlocked(caller.get()));
        return result;
    }

    @Test
    @DisplayName("receive, receive(timeout) and receiveNoWait return the next message, or null when there is none")
    void receiveVariantsReturnTheNextMessageOrNull() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        assertNull(consumer.receive(100), "receive(timeout) on an empty queue");
        assertNull(consumer.receiveNoWait(), "receiveNoWait on an empty queue");
        ctx.createProducer().send(q, "a").send(q, "b").send(q, "c");
        assertEquals("a", text(consumer.receive(5000)));
        assertEquals("b", text(consumer.receive()));
        AtomicReference<Message> third = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            third.set(consumer.receiveNoWait());
            return third.get() != null;
        });
        assertEquals("c", text(third.get()));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("receive() blocks until a message comes; close() from another thread ends it with null")
    void receiveBlocksUntilAMessageComesOrTheConsumerCloses() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        CompletableFuture<String> body = blocked(() -> consumer.receiveBody(String.class));
        assertFalse(body.isDone(), "nothing sent yet");
        context().createProducer().send(q, "late");
        assertEquals("late", body.get(5, TimeUnit.SECONDS));

        CompletableFuture<Message> waiting = blocked(consumer::receive);
        assertFalse(waiting.isDone());
        consumer.close();
        assertNull(waiting.get(5, TimeUnit.SECONDS), "close ends a blocked receive with null");
        consumer.close();
        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait, "receive on a closed consumer");
    }

    @Test
    @DisplayName("receiveBody returns the body of a Text, Map, Bytes or Object message as any type it can be "
            + "assigned to")
    void receiveBodyReturnsEachBodyAsAnAssignableType() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        ArrayList<String> list = new ArrayList<>(List.of("x", "y"));
        ctx.createProducer()
                .send(q, "text").send(q, "as a CharSequence").send(q, "as an Object")
                .send(q, Map.<String, Object>of("k", 1))
                .send(q, new byte[] {1, 2, 3})
                .send(q, (Serializable) list)
                .send(q, (Serializable) 42);
        assertEquals("text", consumer.receiveBody(String.class, 5000));
        assertEquals("as a CharSequence", consumer.receiveBody(CharSequence.class, 5000));
        assertEquals("as an Object", consumer.receiveBody(Object.class, 5000));
        assertEquals(Map.of("k", 1), consumer.receiveBody(Map.class, 5000));
        assertArrayEquals(new byte[] {1, 2, 3}, consumer.receiveBody(byte[].class, 5000));
        assertEquals(list, consumer.receiveBody(ArrayList.class, 5000));
        assertEquals(42, consumer.receiveBody(Number.class, 5000));
    }

    @Test
    @DisplayName("receiveBody(Class, timeout) and receiveBodyNoWait return null when no message comes")
    void receiveBodyReturnsNullWhenNoMessageComes() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        assertNull(consumer.receiveBody(String.class, 100));
        assertNull(consumer.receiveBodyNoWait(String.class));
        ctx.createProducer().send(q, "now");
        AtomicReference<String> body = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            body.set(consumer.receiveBodyNoWait(String.class));
            return body.get() != null;
        });
        assertEquals("now", body.get());
    }

    static Stream<Arguments> autoAcknowledgingModes() {
        return Stream.of(
                Arguments.of("prefetch=1000", JMSContext.AUTO_ACKNOWLEDGE),
                Arguments.of("prefetch=0", JMSContext.AUTO_ACKNOWLEDGE),
                Arguments.of("prefetch=1000", JMSContext.DUPS_OK_ACKNOWLEDGE),
                Arguments.of("prefetch=0", JMSContext.DUPS_OK_ACKNOWLEDGE));
    }

    @ParameterizedTest(name = "{0}, session mode {1}")
    @MethodSource("autoAcknowledgingModes")
    @DisplayName("receiveBody, AUTO / DUPS_OK: a body that cannot be assigned is MessageFormatRuntimeException and "
            + "the provider behaves \"as if the unsuccessful call to receiveBody had not occurred\": the message "
            + "comes next, neither flagged redelivered nor counted")
    void unassignableBodyLeavesTheMessageFirstInLineUncounted(String options, int mode) throws Exception {
        JMSContext ctx = context(options, mode);
        Queue q = ctx.createQueue(uniqueName());
        ctx.createProducer().send(q, "a").send(q, "b");
        JMSConsumer consumer = ctx.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, 5000));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, 5000));
        AtomicReference<Map<?, ?>> none = new AtomicReference<>();
        assertThrows(MessageFormatRuntimeException.class, () -> none.set(consumer.receiveBodyNoWait(Map.class)));

        Message a = consumer.receive(5000);
        assertEquals("a", text(a), "the refused message comes before any later one");
        assertFalse(a.getJMSRedelivered(), "\"This is not considered to be redelivery\"");
        assertEquals(1, a.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", consumer.receiveBody(String.class, 5000));
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("receiveBody, CLIENT_ACKNOWLEDGE: after MessageFormatRuntimeException the provider behaves \"as if "
            + "the call to receiveBody had been successful\"; recover() brings the message back, flagged")
    void unassignableBodyCountsAsDeliveredInClientMode() throws Exception {
        JMSContext ctx = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = ctx.createQueue(uniqueName());
        ctx.createProducer().send(q, "a").send(q, "b");
        JMSConsumer consumer = ctx.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Map.class, 5000));
        assertEquals("b", consumer.receiveBody(String.class, 5000), "\"will not deliver the message again\"");

        ctx.recover();
        Message a = consumer.receive(5000);
        assertEquals("a", text(a));
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", text(consumer.receive(5000)));
        ctx.acknowledge();
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("receiveBody refuses Message and StreamMessage, and messages without a body, with "
            + "MessageFormatRuntimeException even for Object.class")
    void receiveBodyRefusesUnsupportedTypesAndMissingBodies() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        StreamMessage stream = ctx.createStreamMessage();
        stream.writeInt(1);
        ctx.createProducer()
                .send(q, ctx.createMessage())
                .send(q, stream)
                .send(q, (String) null)
                .send(q, (byte[]) null)
                .send(q, (Map<String, Object>) null)
                .send(q, (Serializable) null);
        JMSConsumer consumer = ctx.createConsumer(q);
        for (String kind : List.of("Message", "StreamMessage", "TextMessage", "BytesMessage", "MapMessage",
                "ObjectMessage")) {
            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, 5000), kind);
            Message m = consumer.receive(5000);
            assertNotNull(m, kind);
            assertTrue(m.getClass().getSimpleName().endsWith(kind), m + " should be a " + kind);
        }
    }

    @Test
    @DisplayName("a MessageListener receives the messages; receive and receiveBody are then IllegalStateRuntime"
            + "Exception; setMessageListener(null) makes receive work again")
    void messageListenerReceivesAndExcludesSynchronousReceipt() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        assertNull(consumer.getMessageListener());
        List<String> got = new CopyOnWriteArrayList<>();
        MessageListener listener = m -> got.add(text(m));
        consumer.setMessageListener(listener);
        assertSame(listener, consumer.getMessageListener());
        ctx.createProducer().send(q, "a").send(q, "b");
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertEquals(List.of("a", "b"), got);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receive(10));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBodyNoWait(String.class));

        consumer.setMessageListener(null);
        assertNull(consumer.getMessageListener());
        ctx.createProducer().send(q, "c");
        assertEquals("c", consumer.receiveBody(String.class, 5000));
    }

    @Test
    @DisplayName("close() may be called from the consumer's own listener, which then completes normally")
    void listenerMayCloseItsOwnConsumer() throws Exception {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        CompletableFuture<Class<?>> outcome = new CompletableFuture<>();
        consumer.setMessageListener(m -> outcome.complete(outcomeOf(consumer::close)));
        ctx.createProducer().send(q, "a");
        assertEquals(Void.class, outcome.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageListener, "closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.queueDepth(q.getQueueName()) == 0);
    }

    @Test
    @DisplayName("getMessageSelector is null when none was given, or null, or the empty string")
    void messageSelectorIsNullWhenNoneWasGiven() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        assertNull(ctx.createConsumer(q).getMessageSelector());
        assertNull(ctx.createConsumer(q, null).getMessageSelector());
        assertNull(ctx.createConsumer(q, "").getMessageSelector());
        assertNull(ctx.createConsumer(q, "", false).getMessageSelector());
    }

    @Test
    @DisplayName("closing the context closes its consumers: every method but close is IllegalStateRuntimeException")
    void consumersOfAClosedContextAreClosed() {
        JMSContext ctx = context();
        Queue q = ctx.createQueue(uniqueName());
        JMSConsumer consumer = ctx.createConsumer(q);
        JMSProducer producer = ctx.createProducer();
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBody(String.class, 10));
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageSelector);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(m -> { }));
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(q, "x"));
        consumer.close();
    }
}
