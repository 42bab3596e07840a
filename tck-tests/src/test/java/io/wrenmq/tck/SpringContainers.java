package io.wrenmq.tck;

import jakarta.jms.ConnectionFactory;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SimpleMessageListenerContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Spring listener containers of one test, shut down after it whatever happened.
 *
 * <p>The default containers' receive timeout is shorter than Spring's second only because shutting one down waits
 * for its consumers' receive calls to time out, and a test should not wait a second for each.
 */
final class SpringContainers {
    static final long RECEIVE_TIMEOUT_MS = 200;

    private final List<AbstractMessageListenerContainer> containers = new ArrayList<>();

    /** A default (polling) container on the queue {@code destination}, configured but neither initialized nor started. */
    DefaultMessageListenerContainer container(ConnectionFactory factory, String destination) {
        DefaultMessageListenerContainer c = new DefaultMessageListenerContainer();
        c.setReceiveTimeout(RECEIVE_TIMEOUT_MS);
        return track(c, factory, destination);
    }

    /** A simple container (MessageListeners on Wren's own threads) on the queue {@code destination}, not started. */
    SimpleMessageListenerContainer simpleContainer(ConnectionFactory factory, String destination) {
        return track(new SimpleMessageListenerContainer(), factory, destination);
    }

    private <C extends AbstractMessageListenerContainer> C track(C c, ConnectionFactory factory, String destination) {
        c.setConnectionFactory(factory);
        c.setDestinationName(destination);
        c.setBeanName("container-" + destination);
        containers.add(c);
        return c;
    }

    /**
     * Initializes and starts {@code c}, and returns once a default container's consumers are registered with the
     * broker, if it keeps them (with a lower cache level a consumer lives only for one receive). A simple container
     * has created its consumers when start returns.
     */
    void start(AbstractMessageListenerContainer c) {
        c.afterPropertiesSet();
        c.start();
        if (c instanceof DefaultMessageListenerContainer d
                && d.getCacheLevel() >= DefaultMessageListenerContainer.CACHE_CONSUMER) {
            await().atMost(Duration.ofSeconds(10)).until(d::isRegisteredWithDestination);
        }
    }

    void stopAll() {
        for (AbstractMessageListenerContainer c : containers) {
            c.shutdown();
        }
        containers.clear();
    }
}
