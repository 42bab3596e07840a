package io.wrenmq.jms.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs its tasks one at a time, in order, on threads borrowed from a shared pool: what a session needs for its
 * message listeners (the specification serializes them per session) without a thread per session.
 *
 * <p>Thread-safe. {@link #isRunningTask()} tells whether the calling thread is inside one of this executor's tasks,
 * which is how a session recognises calls made from its own listener.
 */
final class SerialExecutor implements Executor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "wren-session-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread runner;

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            POOL.execute(this::drain);
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            runner = null;
            scheduled.set(false);
            // A task queued between the last poll and clearing the flag would otherwise wait for the next one.
            schedule();
        }
    }

    /** True when called from within a task of this executor. */
    boolean isRunningTask() {
        return runner == Thread.currentThread();
    }
}
