package io.wrenmq.jms.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's threads, shared by every connection of the JVM: they read frames for connections and run sessions'
 * listeners, and a thread may move from one role to the other (a reader that runs a listener hands reading to
 * another thread of this pool; see {@link ClientTransport#runOnReadingThread}). Idle threads end after a minute.
 */
final class ClientThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "wren-client-" + COUNT.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private ClientThreads() {
    }

    static void run(Runnable task) {
        POOL.execute(task);
    }
}
