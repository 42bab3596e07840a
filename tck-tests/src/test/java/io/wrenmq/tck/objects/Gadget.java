package io.wrenmq.tck.objects;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands for a deserialization gadget: code in {@code readObject} that runs as soon as a stream naming the class is
 * read. Here it only records that it ran, which must never happen. The broker runs in the tests' JVM, so this
 * records a deserialization by the broker as well as by the client.
 */
public final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicBoolean RAN = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        RAN.set(true);
    }

    public static boolean ran() {
        return RAN.get();
    }
}
