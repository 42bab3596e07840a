package io.wrenmq.jms.client;

import jakarta.jms.JMSException;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes of sends without receipt that may be in flight; the broker returns them with SEND_CREDIT once it has
 * taken the messages (and withholds them while a destination is full), so a producer that outruns the broker
 * waits here instead of filling memory on either side. It waits as long as the broker holds it back, as
 * ActiveMQ's and Artemis's producers do by default.
 *
 * <p>A send may go when any window is left, even if the message is bigger than what is left (it would otherwise
 * never go); the window then runs negative until the broker returns enough. Thread-safe.
 */
final class SendWindow {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private long bytes;
    private boolean failed;

    SendWindow(long bytes) {
        this.bytes = bytes;
    }

    /**
     * Takes {@code n} bytes, waiting while none are left.
     *
     * @throws JMSException if the connection fails while waiting, or the thread is interrupted
     */
    void acquire(int n) throws JMSException {
        lock.lock();
        try {
            while (bytes <= 0 && !failed) {
                available.await();
            }
            if (failed) {
                throw new JMSException("the connection to the broker is closed");
            }
            bytes -= n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for the broker to accept more messages");
        } finally {
            lock.unlock();
        }
    }

    void release(int n) {
        lock.lock();
        try {
            bytes += n;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: nobody waits any longer. */
    void fail() {
        lock.lock();
        try {
            failed = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
