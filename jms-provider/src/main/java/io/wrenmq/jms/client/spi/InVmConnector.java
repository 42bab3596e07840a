package io.wrenmq.jms.client.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Connects a client to a broker in the same JVM, for {@code vm://name} URLs. The client jar does not depend on the
 * broker: the broker jar ({@code io.wrenmq:wren-broker}) implements this and names its implementation in
 * {@code META-INF/services/io.wrenmq.jms.client.spi.InVmConnector}, where {@link java.util.ServiceLoader} finds it.
 *
 * <p>Implementations are thread-safe: many connections to the same name may be opened at once.
 */
public interface InVmConnector {

    /** The URL option that says whether the broker keeps persistent messages in a store: true or false. */
    String PERSISTENT = "persistent";
    /** The URL option naming the directory of a persistent broker's store. */
    String DATA_DIR = "dataDir";
    /** The URL option that says whether a broker may be started when none runs under the name: true or false. */
    String CREATE = "create";

    /**
     * Opens a new connection to the broker named {@code name}, starting one if none runs and {@code options} allow.
     * The connection holds the broker: the implementation decides, and documents, when a broker it started stops.
     *
     * @param name    the URL's broker name, already checked by the client
     * @param options those of {@link #PERSISTENT}, {@link #DATA_DIR} and {@link #CREATE} the URL gives, with values
     *                the client has checked
     * @throws IOException saying why there is no connection (no broker by that name and {@code create=false}, the
     *         broker cannot start ...)
     */
    DuplexStream connect(String name, Map<String, String> options) throws IOException;
}
