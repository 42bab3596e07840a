package io.wrenmq.broker.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The entries of a {@link MessageQueue} sent with a delivery delay, held until their delivery time, earliest first,
 * with one timer for the earliest. Single writer: the owning queue's event loop, where the timer runs too.
 */
final class DeliverySchedule {
    private static final Comparator<QueueEntry> BY_DELIVERY_TIME = Comparator
            .comparingLong((QueueEntry e) -> e.message.deliveryTime())
            .thenComparingLong(e -> e.sequence);

    private final PriorityQueue<QueueEntry> entries = new PriorityQueue<>(BY_DELIVERY_TIME);
    private final ScheduledExecutorService executor;
    private final Runnable whenDue;
    private ScheduledFuture<?> timer;
    private long timerAt;

    /** @param whenDue runs on {@code executor} when the earliest entry's time may have come */
    DeliverySchedule(ScheduledExecutorService executor, Runnable whenDue) {
        this.executor = executor;
        this.whenDue = whenDue;
    }

    void add(QueueEntry entry) {
        entries.add(entry);
        arm();
    }

    /** Removes and returns the entries whose delivery time has come at {@code now}, and waits for the next. */
    List<QueueEntry> takeDue(long now) {
        timer = null;
        List<QueueEntry> due = new ArrayList<>();
        while (!entries.isEmpty() && !entries.peek().message.heldUntilLater(now)) {
            due.add(entries.poll());
        }
        arm();
        return due;
    }

    int size() {
        return entries.size();
    }

    /** Drops every entry, handing each to {@code dropped}, and stops the timer. */
    void clear(Consumer<QueueEntry> dropped) {
        entries.forEach(dropped);
        entries.clear();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm() {
        QueueEntry first = entries.peek();
        if (first == null) {
            return;
        }
        long at = first.message.deliveryTime();
        if (timer != null) {
            if (timerAt <= at) {
                return;
            }
            timer.cancel(false);
        }
        timerAt = at;
        timer = executor.schedule(whenDue, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }
}
