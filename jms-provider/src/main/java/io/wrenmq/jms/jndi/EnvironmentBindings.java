package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;

import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NamingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the bindings of a {@link WrenInitialContextFactory} context from its environment, with the conventions of
 * the ActiveMQ, Artemis and Qpid JMS context factories:
 *
 * <table>
 *   <caption>environment properties</caption>
 *   <tr><th>property</th><th>binds</th></tr>
 *   <tr><td>{@code connectionFactory.NAME=URL} (the prefix in any case, as Qpid JMS writes
 *       {@code connectionfactory.})</td><td>a connection factory for that broker URL</td></tr>
 *   <tr><td>{@code queue.NAME=QUEUE}</td><td>the queue of that name</td></tr>
 *   <tr><td>{@code topic.NAME=TOPIC}</td><td>the topic of that name</td></tr>
 *   <tr><td>{@code connectionFactoryNames=A, B} (ActiveMQ)</td><td>the default factory under these names instead
 *       of the default ones</td></tr>
 * </table>
 *
 * <p>The default factory connects to {@code java.naming.provider.url}, or to {@value WrenConnectionFactory#DEFAULT_URL}
 * without one, and is bound as {@code ConnectionFactory}, {@code QueueConnectionFactory} and
 * {@code TopicConnectionFactory} when a provider URL is given or no {@code connectionFactory.} property is; a
 * factory bound by name wins over a default one of the same name. The NAMEs are composite names: {@code jms/orders}
 * is {@code orders} in the context {@code jms}. Two properties binding the same name are refused.
 */
final class EnvironmentBindings {
    static final List<String> DEFAULT_FACTORY_NAMES =
            List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory");

    private static final String CONNECTION_FACTORY_PREFIX = "connectionfactory.";
    private static final String QUEUE_PREFIX = "queue.";
    private static final String TOPIC_PREFIX = "topic.";
    private static final String FACTORY_NAMES = "connectionFactoryNames";

    private final Map<List<String>, Object> bound = new LinkedHashMap<>();
    private final Map<List<String>, String> boundBy = new LinkedHashMap<>();

    private EnvironmentBindings() {
    }

    /** The name space {@code environment} describes. */
    static NameSpace read(Map<?, ?> environment) throws NamingException {
        // Sorted, so that an error is about the same property whatever the Hashtable's order.
        Map<String, String> properties = new TreeMap<>();
        for (Map.Entry<?, ?> e : environment.entrySet()) {
            if (e.getKey() instanceof String key && e.getValue() instanceof String value) {
                properties.put(key, value.trim());
            }
        }
        EnvironmentBindings b = new EnvironmentBindings();
        boolean namedFactories = false;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String key = p.getKey();
            if (key.toLowerCase(Locale.ROOT).startsWith(CONNECTION_FACTORY_PREFIX)) {
                b.bind(key, key.substring(CONNECTION_FACTORY_PREFIX.length()), factory(key, p.getValue()));
                namedFactories = true;
            } else if (key.startsWith(QUEUE_PREFIX)) {
                b.bind(key, key.substring(QUEUE_PREFIX.length()), destination(key, p.getValue(), true));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                b.bind(key, key.substring(TOPIC_PREFIX.length()), destination(key, p.getValue(), false));
            }
        }
        String providerUrl = properties.get(Context.PROVIDER_URL);
        if (providerUrl != null && !providerUrl.isEmpty() || !namedFactories) {
            b.bindDefaultFactory(properties, providerUrl);
        }
        return new NameSpace(b.bound);
    }

    private void bindDefaultFactory(Map<String, String> properties, String providerUrl) throws NamingException {
        String source = providerUrl == null || providerUrl.isEmpty() ? null : Context.PROVIDER_URL;
        String url = source == null ? WrenConnectionFactory.DEFAULT_URL : providerUrl;
        String names = properties.get(FACTORY_NAMES);
        List<String> factoryNames = names == null ? DEFAULT_FACTORY_NAMES
                : List.of(names.split("\\s*,\\s*")).stream().filter(n -> !n.isEmpty()).toList();
        for (String name : factoryNames) {
            List<String> components = components(FACTORY_NAMES, name);
            // A factory bound by its own property is the one the user meant under that name.
            if (!bound.containsKey(components)) {
                bound.put(components, factory(source == null ? "the default URL" : source, url));
                boundBy.put(components, FACTORY_NAMES);
            }
        }
    }

    private void bind(String property, String name, Object object) throws NamingException {
        List<String> components = components(property, name);
        String earlier = boundBy.putIfAbsent(components, property);
        if (earlier != null) {
            throw new ConfigurationException("JNDI name '" + name + "' is bound twice, by " + earlier + " and by "
                    + property + "; keep one");
        }
        bound.put(components, object);
    }

    private static List<String> components(String property, String name) throws ConfigurationException {
        try {
            List<String> components = Collections.list(new CompositeName(name).getAll());
            if (components.isEmpty() || components.stream().anyMatch(String::isEmpty)) {
                throw new InvalidNameException("empty name or name component");
            }
            return components;
        } catch (InvalidNameException e) {
            throw configuration(property + ": '" + name + "' is not a JNDI name (" + e.getMessage() + ")", e);
        }
    }

    private static WrenConnectionFactory factory(String property, String url) throws ConfigurationException {
        try {
            return new WrenConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            throw configuration(property + ": " + e.getMessage(), e);
        }
    }

    private static Object destination(String property, String name, boolean queue) throws ConfigurationException {
        if (name.isEmpty()) {
            throw new ConfigurationException(property + " names no " + (queue ? "queue" : "topic")
                    + "; write " + property + "=NAME_ON_THE_BROKER");
        }
        return queue ? new WrenQueue(name) : new WrenTopic(name);
    }

    private static ConfigurationException configuration(String message, Exception cause) {
        ConfigurationException e = new ConfigurationException(message);
        e.setRootCause(cause);
        return e;
    }
}
