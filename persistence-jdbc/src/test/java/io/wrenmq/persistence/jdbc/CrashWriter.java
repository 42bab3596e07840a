package io.wrenmq.persistence.jdbc;

import io.wrenmq.persistence.StoredDestination;
import io.wrenmq.persistence.StoredMessage;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The process that {@link MessageStoreContractTest} kills: it stores messages to queue {@value #QUEUE} as fast as
 * the store takes them, 64 in flight, and prints each id on its own line once its future completed, that is once
 * the store said it is committed. It stops by itself after a minute.
 *
 * <p>Arguments: JDBC URL, user, password.
 */
public final class CrashWriter {

    static final long QUEUE = 1;
    static final String READY = "ready";

    private CrashWriter() {
    }

    static byte[] body(long id) {
        return ("crash-test message " + id).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        JdbcStoreConfig config = JdbcStoreConfig.builder(args[0]).user(args[1]).password(args[2]).build();
        try (JdbcMessageStore store = JdbcMessageStore.open(config)) {
            store.load();
            store.destinationCreated(new StoredDestination(QUEUE, StoredDestination.Kind.QUEUE, "crash")).join();
            out.println(READY);
            Semaphore inFlight = new Semaphore(64);
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (long id = QUEUE + 1; System.nanoTime() < end; id++) {
                inFlight.acquire();
                long committed = id;
                store.messageStored(QUEUE, new StoredMessage(id, 4, 0, 0, body(id)), 0).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        out.println(committed);
                    }
                    inFlight.release();
                });
            }
        }
    }
}
