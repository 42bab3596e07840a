package io.wrenmq.jms.jndi;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

/**
 * A context over a {@link NameSpace}, at one of its contexts ({@code prefix}; the root for the initial context).
 * Names are composite names ({@code jms/orders}, {@code dynamicQueues/orders}); lookup, list and listBindings work,
 * binding does not: the bindings come from the environment the initial context was made with, and every change
 * throws {@link OperationNotSupportedException}. Only the context's own environment may be changed.
 *
 * <p>Not thread-safe, as JNDI contexts need not be; what it looks up is.
 */
final class ReadOnlyContext implements Context {
    private static final NameParser PARSER = CompositeName::new;

    private final Hashtable<Object, Object> environment;
    private final NameSpace names;
    private final List<String> prefix;

    ReadOnlyContext(Hashtable<?, ?> environment, NameSpace names, List<String> prefix) {
        this.environment = new Hashtable<>(environment);
        this.names = names;
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        List<String> full = absolute(name);
        Object found;
        try {
            found = names.resolve(full);
        } catch (IllegalArgumentException e) {
            throw new InvalidNameException("'" + name + "': " + e.getMessage());
        }
        if (found == null) {
            NameNotFoundException e = new NameNotFoundException("nothing is bound to '" + String.join("/", full)
                    + "'; names are bound by connectionFactory.NAME, queue.NAME and topic.NAME properties, "
                    + "and any destination can be looked up as dynamicQueues/NAME or dynamicTopics/NAME");
            e.setRemainingName(name);
            throw e;
        }
        return found == NameSpace.CONTEXT ? new ReadOnlyContext(environment, names, full) : found;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        return lookup(PARSER.parse(name));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        for (Binding b : bindings(name)) {
            pairs.add(new NameClassPair(b.getName(), b.getClassName(), true));
        }
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return list(PARSER.parse(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return new ListEnumeration<>(bindings(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return listBindings(PARSER.parse(name));
    }

    private List<Binding> bindings(Name name) throws NamingException {
        if (!(lookup(name) instanceof ReadOnlyContext context)) {
            throw new NotContextException("'" + name + "' is bound to an object, not a context");
        }
        List<Binding> bindings = new ArrayList<>();
        for (Map.Entry<String, Object> child : names.children(context.prefix).entrySet()) {
            Object object = child.getValue() == NameSpace.CONTEXT
                    ? context.lookup(new CompositeName().add(child.getKey())) : child.getValue();
            bindings.add(new Binding(child.getKey(), object.getClass().getName(), object, true));
        }
        return bindings;
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) throws NamingException {
        return composeName(PARSER.parse(name), PARSER.parse(prefix)).toString();
    }

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Holds nothing that needs releasing: connections are made by the factories looked up, not by the context. */
    @Override
    public void close() {
    }

    @Override
    public String getNameInNamespace() {
        CompositeName name = new CompositeName();
        for (String component : prefix) {
            try {
                name.add(component);
            } catch (InvalidNameException e) {
                throw new IllegalStateException(e);
            }
        }
        return name.toString();
    }

    private List<String> absolute(Name name) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(Collections.list(name.getAll()));
        return full;
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly();
    }

    private static OperationNotSupportedException readOnly() {
        return new OperationNotSupportedException("Wren's JNDI context is read-only: bind names with "
                + "connectionFactory.NAME, queue.NAME and topic.NAME properties in jndi.properties or the "
                + "environment of the InitialContext");
    }

    @Override
    public String toString() {
        return "WrenJndiContext[" + getNameInNamespace() + "]";
    }
}
