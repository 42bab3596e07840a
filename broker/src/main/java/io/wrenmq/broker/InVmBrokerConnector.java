package io.wrenmq.broker;

import io.wrenmq.jms.client.spi.DuplexStream;
import io.wrenmq.jms.client.spi.InVmConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the client finds through {@link java.util.ServiceLoader} to open {@code vm://name} connections: a connection
 * to the broker of that name in {@link InVmBrokers}, started for it if none runs (see there when it stops).
 *
 * <p>A broker started for a URL listens on no TCP port; it is persistent unless the URL says {@code persistent=false},
 * and keeps its store in {@code dataDir}, by default {@code ./data/<name>} (a directory of its own, beside the
 * {@code ./data} of a standalone broker). Options of a later URL for a running broker do not change it; a warning
 * says so when they differ.
 *
 * <p>Public, with a public constructor, for {@code ServiceLoader}; applications have no use for it.
 */
public final class InVmBrokerConnector implements InVmConnector {
    private static final Logger log = LoggerFactory.getLogger(InVmBrokerConnector.class);

    @Override
    public DuplexStream connect(String name, Map<String, String> options) throws IOException {
        boolean create = !"false".equals(options.get(CREATE));
        return InVmBrokers.connect(name, create, () -> configFor(name, options),
                running -> warnAboutIgnored(name, options, running));
    }

    static BrokerConfig configFor(String name, Map<String, String> options) {
        String dataDir = options.get(DATA_DIR);
        return BrokerConfig.builder()
                .name(name)
                .tcp(false)
                .persistent(!"false".equals(options.get(PERSISTENT)))
                .dataDir(dataDir == null ? Path.of("data", name) : Path.of(dataDir))
                .build();
    }

    private static void warnAboutIgnored(String name, Map<String, String> options, BrokerConfig running) {
        String persistent = options.get(PERSISTENT);
        if (persistent != null && Boolean.parseBoolean(persistent) != running.persistent()) {
            log.warn("vm://{}: the broker runs already with persistent={}; persistent={} of this URL does not apply",
                    name, running.persistent(), persistent);
        }
        String dataDir = options.get(DATA_DIR);
        if (dataDir != null && running.persistent() && running.jdbcUrl() == null
                && !Path.of(dataDir).toAbsolutePath().normalize()
                        .equals(running.dataDir().toAbsolutePath().normalize())) {
            log.warn("vm://{}: the broker runs already with its data in {}; dataDir={} of this URL does not apply",
                    name, running.dataDir(), dataDir);
        }
    }
}
