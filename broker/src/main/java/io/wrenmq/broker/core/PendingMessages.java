package io.wrenmq.broker.core;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * The entries of a queue waiting for a consumer, in delivery order: higher priority first, and within a priority
 * by arrival ({@link QueueEntry#sequence}). One FIFO per priority keeps the common case, append and take from the
 * front, O(1). Entries that come back (redelivery) return to their place by sequence.
 *
 * <p>Not thread-safe: owned by one {@link MessageQueue}, on its event loop.
 */
final class PendingMessages implements Iterable<QueueEntry> {
    private static final int PRIORITIES = 10;

    @SuppressWarnings("unchecked")
    private final ArrayDeque<QueueEntry>[] byPriority = new ArrayDeque[PRIORITIES];
    private int size;
    /** Entries with an expiration time: while there are none, nothing here can expire. */
    private int expiring;

    void add(QueueEntry e) {
        bucket(e.message.priority()).addLast(e);
        entered(e);
    }

    private void entered(QueueEntry e) {
        size++;
        if (e.message.expires()) {
            expiring++;
        }
    }

    private QueueEntry left(QueueEntry e) {
        size--;
        if (e.message.expires()) {
            expiring--;
        }
        return e;
    }

    /**
     * Puts entries back at their place by sequence.
     *
     * @param entries in ascending sequence order
     */
    void requeue(List<QueueEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            QueueEntry e = entries.get(i);
            ArrayDeque<QueueEntry> b = bucket(e.message.priority());
            if (b.isEmpty() || e.sequence < b.peekFirst().sequence) {
                b.addFirst(e);
            } else {
                insertSorted(b, e);
            }
            entered(e);
        }
    }

    /** The rare case of an entry that belongs in the middle: rebuild the bucket around it. */
    private static void insertSorted(ArrayDeque<QueueEntry> b, QueueEntry e) {
        if (e.sequence > b.peekLast().sequence) {
            b.addLast(e);
            return;
        }
        ArrayDeque<QueueEntry> before = new ArrayDeque<>();
        while (!b.isEmpty() && b.peekFirst().sequence < e.sequence) {
            before.addLast(b.pollFirst());
        }
        b.addFirst(e);
        while (!before.isEmpty()) {
            b.addFirst(before.pollLast());
        }
    }

    /** The next entry to deliver, or null. */
    QueueEntry peek() {
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            ArrayDeque<QueueEntry> b = byPriority[p];
            if (b != null && !b.isEmpty()) {
                return b.peekFirst();
            }
        }
        return null;
    }

    /** Removes and returns the next entry to deliver, or null. */
    QueueEntry poll() {
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            ArrayDeque<QueueEntry> b = byPriority[p];
            if (b != null && !b.isEmpty()) {
                return left(b.pollFirst());
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether some entry has an expiration time. */
    boolean hasExpiring() {
        return expiring > 0;
    }

    /** Removes everything, for a destination being deleted. */
    void clear() {
        for (ArrayDeque<QueueEntry> b : byPriority) {
            if (b != null) {
                b.clear();
            }
        }
        size = 0;
        expiring = 0;
    }

    /** Delivery order; {@code remove} is supported. */
    @Override
    public Iterator<QueueEntry> iterator() {
        return new Iterator<>() {
            private int p = PRIORITIES;
            private Iterator<QueueEntry> current = java.util.Collections.emptyIterator();
            private QueueEntry last;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (--p < 0) {
                        return false;
                    }
                    current = byPriority[p] == null ? java.util.Collections.emptyIterator() : byPriority[p].iterator();
                }
                return true;
            }

            @Override
            public QueueEntry next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                last = current.next();
                return last;
            }

            @Override
            public void remove() {
                current.remove();
                left(last);
            }
        };
    }

    private ArrayDeque<QueueEntry> bucket(int priority) {
        int p = Math.max(0, Math.min(PRIORITIES - 1, priority));
        ArrayDeque<QueueEntry> b = byPriority[p];
        if (b == null) {
            b = new ArrayDeque<>();
            byPriority[p] = b;
        }
        return b;
    }
}
