package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Base of the conformance tests: a connection factory for the shared {@link Broker}, destination names unique to
 * the test, and connections and contexts that are closed after each test whatever happened.
 */
public abstract class JmsTestSupport {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /**
     * Runs each task on a daemon thread of its own, for tasks that block (a receive, a producer held back): the
     * common pool may have a single thread, or too few for several blocked tasks.
     */
    protected static final Executor THREAD_PER_TASK = task -> {
        Thread t = new Thread(task, "test-task");
        t.setDaemon(true);
        t.start();
    };

    protected ConnectionFactory factory;
    private final List<Connection> connections = new ArrayList<>();
    private final List<JMSContext> contexts = new ArrayList<>();
    private String testName;

    @BeforeEach
    void setUpSupport(TestInfo info) {
        factory = Broker.connectionFactory();
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @AfterEach
    void closeConnections() {
        for (JMSContext c : contexts) {
            try {
                c.close();
            } catch (JMSRuntimeException e) {
                // Closing what a test left behind must not hide the test's own outcome.
            }
        }
        contexts.clear();
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                // Closing what a test left behind must not hide the test's own outcome.
            }
        }
        connections.clear();
    }

    /** A destination name no other test uses. */
    protected String uniqueName() {
        return testName + "." + NAMES.incrementAndGet();
    }

    /** A new connection, closed after the test; not started. */
    protected Connection connection() throws JMSException {
        return track(factory.createConnection());
    }

    /** A new connection with URL options (e.g. "prefetch=0"), closed after the test; not started. */
    protected Connection connection(String urlOptions) throws JMSException {
        return track(Broker.connectionFactory(urlOptions).createConnection());
    }

    /** A started connection, closed after the test. */
    protected Connection startedConnection() throws JMSException {
        Connection c = connection();
        c.start();
        return c;
    }

    protected <C extends Connection> C track(C c) {
        connections.add(c);
        return c;
    }

    /** {@code c}, closed after the test. */
    protected JMSContext tracked(JMSContext c) {
        contexts.add(c);
        return c;
    }

    /** Something a test does that may throw. */
    @FunctionalInterface
    protected interface Action {
        void run() throws Exception;
    }

    /**
     * Runs {@code action} on this thread and opens {@code release} only once this thread is blocked. Whatever waits
     * for {@code release} (a listener, a callback) therefore returns only after {@code action} blocked: an action
     * that returns while it is still running did not wait for it.
     */
    protected static void releaseWhenBlocked(CountDownLatch release, Action action) throws Exception {
        Thread caller = Thread.currentThread();
        THREAD_PER_TASK.execute(() -> {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> isBlocked(caller));
            } finally {
                release.countDown();
            }
        });
        action.run();
    }

    /** Whether {@code t} waits for something (a lock, a condition, a timeout) rather than runs. */
    protected static boolean isBlocked(Thread t) {
        Thread.State state = t.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /**
     * Calls {@code consumer.receive(timeoutMs)} on a thread of its own and returns once that thread waits in it.
     *
     * @return completes with what receive returned
     */
    protected static CompletableFuture<Message> blockedReceive(MessageConsumer consumer, long timeoutMs) {
        Thread[] receiver = new Thread[1];
        CompletableFuture<Message> got = CompletableFuture.supplyAsync(() -> {
            receiver[0] = Thread.currentThread();
            try {
                return consumer.receive(timeoutMs);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        }, THREAD_PER_TASK);
        await().atMost(Duration.ofSeconds(5)).until(() -> got.isDone() || receiver[0] != null && isBlocked(receiver[0]));
        return got;
    }

    /** The class of what {@code action} threw, or {@code Void.class} if it returned normally. */
    protected static Class<?> outcomeOf(Action action) {
        try {
            action.run();
            return Void.class;
        } catch (Exception e) {
            return e.getClass();
        }
    }

    /** The text of a TextMessage, for listeners, which may not throw checked exceptions. */
    protected static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }

    /** Waits for {@code latch} in a listener or callback; at most 10 s, so that a failing test cannot hang. */
    protected static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
