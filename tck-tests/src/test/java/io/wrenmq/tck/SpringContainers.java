package io.wrenmq.tck;

import jakarta.jms.ConnectionFactory;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Spring {@link DefaultMessageListenerContainer}s of one test, shut down after it whatever happened.
 *
 * <p>Their receive timeout is shorter than Spring's default second only because shutting a container down waits
 * for its consumers' receive calls to time out, and a test should not wait a second for each.
 */
final class SpringContainers {
    static final long RECEIVE_TIMEOUT_MS = 200;

    private final List<DefaultMessageListenerContainer> containers = new ArrayList<>();

    /** A container on the queue {@code destination}, configured but neither initialized nor started. */
    DefaultMessageListenerContainer container(ConnectionFactory factory, String destination) {
        DefaultMessageListenerContainer c = new DefaultMessageListenerContainer();
        c.setConnectionFactory(factory);
        c.setDestinationName(destination);
        c.setReceiveTimeout(RECEIVE_TIMEOUT_MS);
        c.setBeanName("container-" + destination);
        containers.add(c);
        return c;
    }

    /**
     * Initializes and starts {@code c}, and returns once its consumers are registered with the broker, if it keeps
     * them (with a lower cache level a consumer lives only for one receive).
     */
    void start(DefaultMessageListenerContainer c) {
        c.afterPropertiesSet();
        c.start();
        if (c.getCacheLevel() >= DefaultMessageListenerContainer.CACHE_CONSUMER) {
            await().atMost(Duration.ofSeconds(10)).until(c::isRegisteredWithDestination);
        }
    }

    void stopAll() {
        for (DefaultMessageListenerContainer c : containers) {
            c.shutdown();
        }
        containers.clear();
    }
}
