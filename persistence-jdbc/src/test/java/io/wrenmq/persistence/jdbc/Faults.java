package io.wrenmq.persistence.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Fault injection for the store's connections (Tape's {@code BrokenRandomAccessFile}, for JDBC): every connection
 * the store takes passes through here, and a test can hold commits at a gate or make one fail as a lost
 * connection would.
 *
 * <p>At each commit: first the "fail next" flag is taken, then the commit waits at the gate (if one is set), then it
 * fails (if the flag was taken) or goes to the database. So a flag set while a commit waits at the gate fails the
 * commit after that one.
 */
final class Faults {

    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private final AtomicInteger waitingAtGate = new AtomicInteger();
    private final AtomicInteger connectionsTaken = new AtomicInteger();
    private volatile CountDownLatch gate;

    /** Use as {@code JdbcMessageStore.open(config, faults::wrap)}. */
    DataSource wrap(DataSource real) {
        return proxy(DataSource.class, (method, args) -> {
            Object result = call(real, method, args);
            if (method.getName().equals("getConnection")) {
                connectionsTaken.incrementAndGet();
                Connection connection = (Connection) result;
                return proxy(Connection.class, (m, a) -> {
                    if (m.getName().equals("commit")) {
                        beforeCommit();
                    }
                    return call(connection, m, a);
                });
            }
            return result;
        });
    }

    /** Commits from now on wait until {@link #releaseCommits()}. */
    void holdCommits() {
        gate = new CountDownLatch(1);
    }

    /** Waits until a commit is held at the gate: the writer is busy, and what is submitted now queues up. */
    void awaitHeldCommit() {
        await().until(() -> waitingAtGate.get() > 0);
    }

    void releaseCommits() {
        CountDownLatch held = gate;
        gate = null;
        held.countDown();
    }

    void failNextCommit() {
        failNextCommit.set(true);
    }

    int connectionsTaken() {
        return connectionsTaken.get();
    }

    private void beforeCommit() throws SQLException, InterruptedException {
        boolean fail = failNextCommit.getAndSet(false);
        CountDownLatch held = gate;
        if (held != null) {
            waitingAtGate.incrementAndGet();
            try {
                held.await();
            } finally {
                waitingAtGate.decrementAndGet();
            }
        }
        if (fail) {
            throw new SQLException("Injected fault: the connection was lost during commit", "08006");
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> handler.handle(method, args)));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
