package io.wrenmq.jms.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs its tasks one at a time, in order, on threads borrowed from {@link ClientThreads}: what a session needs for
 * its message listeners (the specification serializes them per session) without a thread per session. Scheduled
 * by the thread reading a connection, with no more frames waiting, the tasks run on that very thread, which hands
 * reading over: the listener of a request then starts without waiting for another thread to wake.
 *
 * <p>Thread-safe. {@link #isRunningTask()} tells whether the calling thread is inside one of this executor's tasks,
 * which is how a session recognises calls made from its own listener.
 */
final class SerialExecutor implements Executor {
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
            if (!ClientTransport.runOnReadingThread(this::drain)) {
                ClientThreads.run(this::drain);
            }
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
