package io.wrenmq.samples;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

/**
 * A stand-in for a provider's InitialContextFactory, reading the Artemis/Qpid conventions
 * ({@code connectionFactory.NAME=url}, {@code queue.NAME=queue}, {@code topic.NAME=topic}) just far enough for the
 * samples' JNDI code to be tested before Wren's own factory is on their classpath. A context answers
 * {@code lookup(String)} and {@code close()}, nothing else.
 */
public final class MapContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        Map<String, Object> bindings = new HashMap<>();
        environment.forEach((k, v) -> {
            String key = k.toString();
            String value = v.toString();
            if (key.startsWith("connectionFactory.")) {
                bindings.put(key.substring("connectionFactory.".length()), new WrenConnectionFactory(value));
            } else if (key.startsWith("queue.")) {
                bindings.put(key.substring("queue.".length()), new WrenQueue(value));
            } else if (key.startsWith("topic.")) {
                bindings.put(key.substring("topic.".length()), new WrenTopic(value));
            }
        });
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object bound = bindings.get(String.valueOf(args[0]));
                        if (bound == null) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        yield bound;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
