package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The context {@link WrenInitialContextFactory} makes, called directly: its name space and the parts of
 * {@link Context} beyond lookup. {@code JndiTest} in the conformance tests goes through {@code InitialContext} and
 * connects to a broker.
 */
class WrenInitialContextFactoryTest {

    private static Context context(String... properties) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        for (int i = 0; i < properties.length; i += 2) {
            env.put(properties[i], properties[i + 1]);
        }
        return new WrenInitialContextFactory().getInitialContext(env);
    }

    private static String url(Context ctx, String name) throws NamingException {
        return ((WrenConnectionFactory) ctx.lookup(name)).getBrokerUrl();
    }

    private static Map<String, String> list(Context ctx, String name) throws NamingException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (NameClassPair p : Collections.list(ctx.list(name))) {
            listed.put(p.getName(), p.getClassName());
        }
        return listed;
    }

    @Test
    @DisplayName("with nothing configured, the three default factory names connect to localhost:61700")
    void defaultFactories() throws Exception {
        Context ctx = context();
        for (String name : EnvironmentBindings.DEFAULT_FACTORY_NAMES) {
            assertEquals("tcp://localhost:61700", url(ctx, name));
        }
    }

    @Test
    @DisplayName("the provider URL is the default factories' URL, bound beside named factories")
    void providerUrlBindsDefaultsBesideNamedFactories() throws Exception {
        Context ctx = context(Context.PROVIDER_URL, "tcp://a:1", "connectionFactory.other", "tcp://b:2",
                "connectionfactory.ConnectionFactory", "tcp://c:3");
        assertEquals("tcp://a:1", url(ctx, "QueueConnectionFactory"));
        assertEquals("tcp://b:2", url(ctx, "other"));
        assertEquals("tcp://c:3", url(ctx, "ConnectionFactory"), "a factory bound by name wins over the default");
    }

    @Test
    @DisplayName("named factories without a provider URL replace the defaults; connectionFactoryNames renames them")
    void namedFactoriesReplaceDefaults() throws Exception {
        assertThrows(NameNotFoundException.class,
                () -> context("connectionFactory.cf", "tcp://b:2").lookup("ConnectionFactory"));
        Context ctx = context(Context.PROVIDER_URL, "tcp://a:1", "connectionFactoryNames", "one, two");
        assertEquals("tcp://a:1", url(ctx, "one"));
        assertEquals("tcp://a:1", url(ctx, "two"));
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("ConnectionFactory"));
    }

    @Test
    @DisplayName("compound names are contexts: jms/orders is orders in jms, looked up either way")
    void compoundNames() throws Exception {
        Context ctx = context("queue.jms/orders", "orders", "topic.jms/news", "news", "queue.plain.dotted", "q");
        assertEquals(new WrenQueue("orders"), ctx.lookup("jms/orders"));
        assertEquals(new WrenQueue("orders"), ctx.lookup(new CompositeName("jms/orders")));
        Context jms = (Context) ctx.lookup("jms");
        assertEquals("jms", jms.getNameInNamespace());
        assertEquals(new WrenTopic("news"), jms.lookup("news"));
        assertEquals(new WrenQueue("q"), ctx.lookup("plain.dotted"));
        assertEquals(Map.of("news", WrenTopic.class.getName(), "orders", WrenQueue.class.getName()),
                list(ctx, "jms"));
        assertEquals(List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory",
                "dynamicQueues", "dynamicTopics", "jms", "plain.dotted"), new ArrayList<>(list(ctx, "").keySet()));
    }

    @Test
    @DisplayName("dynamicQueues/NAME and dynamicTopics/NAME are any destination, slashes and all")
    void dynamicDestinations() throws Exception {
        Context ctx = context();
        assertEquals(new WrenQueue("orders"), ctx.lookup("dynamicQueues/orders"));
        assertEquals(new WrenQueue("a/b"), ctx.lookup("dynamicQueues/a/b"));
        assertEquals(new WrenTopic("news"), ((Context) ctx.lookup("dynamicTopics")).lookup("news"));
        assertTrue(list(ctx, "dynamicQueues").isEmpty());
        assertThrows(InvalidNameException.class, () -> ctx.lookup("dynamicQueues/"));
    }

    @Test
    @DisplayName("an unknown name is NameNotFoundException, also inside a context; an object is no context")
    void unknownNames() throws Exception {
        Context ctx = context("queue.jms/orders", "orders");
        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> ctx.lookup("orders"));
        assertTrue(e.getMessage().contains("dynamicQueues/"), e.getMessage());
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("jms/invoices"));
        assertThrows(NameNotFoundException.class, () -> ctx.list("nowhere"));
        assertThrows(NotContextException.class, () -> ctx.list("jms/orders"));
    }

    @Test
    @DisplayName("listBindings gives the objects themselves, and contexts for compound names")
    void listBindings() throws Exception {
        Context ctx = context("connectionFactory.cf", "tcp://b:2", "queue.jms/orders", "orders");
        Map<String, Object> bound = new LinkedHashMap<>();
        for (Binding b : Collections.list(ctx.listBindings(""))) {
            bound.put(b.getName(), b.getObject());
        }
        assertEquals(List.of("cf", "dynamicQueues", "dynamicTopics", "jms"), new ArrayList<>(bound.keySet()));
        assertEquals("tcp://b:2", ((WrenConnectionFactory) bound.get("cf")).getBrokerUrl());
        assertEquals(new WrenQueue("orders"), ((Context) bound.get("jms")).lookup("orders"));
    }

    @Test
    @DisplayName("the context is read-only; its environment is its own copy")
    void readOnly() throws Exception {
        Context ctx = context("queue.q", "q");
        assertThrows(OperationNotSupportedException.class, () -> ctx.bind("x", new WrenQueue("x")));
        assertThrows(OperationNotSupportedException.class, () -> ctx.rebind("q", new WrenQueue("x")));
        assertThrows(OperationNotSupportedException.class, () -> ctx.unbind("q"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.rename("q", "r"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.createSubcontext("sub"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.destroySubcontext("dynamicQueues"));
        assertEquals("q", ctx.getEnvironment().get("queue.q"));
        ctx.addToEnvironment("extra", "1");
        assertEquals("1", ctx.getEnvironment().get("extra"));
        ctx.getEnvironment().clear();
        assertEquals("q", ctx.getEnvironment().get("queue.q"));
        assertEquals("a/b/c", ctx.composeName("c", "a/b"));
        ctx.close();
    }

    @Test
    @DisplayName("a malformed property fails the context's creation, naming the property")
    void malformedProperties() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.cf", "amqp://h:5672"));
        assertTrue(e.getMessage().startsWith("connectionFactory.cf:"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> context(Context.PROVIDER_URL, "tcp://h?nope=1"));
        assertTrue(e.getMessage().contains(Context.PROVIDER_URL), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> context("queue.x", "a", "topic.x", "b"));
        assertTrue(e.getMessage().contains("queue.x") && e.getMessage().contains("topic.x"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> context("queue.empty", ""));
        assertFalse(assertThrows(ConfigurationException.class, () -> context("queue.", "q")).getMessage().isEmpty());
    }

    @Test
    @DisplayName("a lookup of the empty name is a new context of the same bindings")
    void emptyName() throws Exception {
        Context ctx = context("queue.q", "q");
        Context again = assertInstanceOf(Context.class, ctx.lookup(""));
        assertEquals(new WrenQueue("q"), again.lookup("q"));
    }
}
