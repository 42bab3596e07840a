package io.wrenmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * The one place where an ObjectMessage body becomes an object again, on the consumer's side, and only for classes
 * the {@link DeserializationPolicy} allows: deserializing untrusted bytes can run gadget chains (what CVE-2015-5254
 * did to ActiveMQ's ObjectMessage). A class name is checked before its class is even loaded; the
 * {@link ObjectMessageFilter} then checks every class of the graph again, with limits. A JVM-wide
 * {@code jdk.serialFilter} still applies on top: it may refuse more, never allow what the policy refuses.
 *
 * <p>Classes resolve through the thread's context class loader first (what application servers expect), then the
 * default.
 *
 * <p>A refusal is a {@link MessageFormatException}, as the {@code ObjectMessage.getObject} javadoc names it for
 * "if object deserialization fails"; its message names the class and says how to allow it.
 */
final class ObjectMessageDeserializer {

    private ObjectMessageDeserializer() {
    }

    static Serializable deserialize(byte[] bytes, DeserializationPolicy policy) throws JMSException {
        ObjectMessageFilter filter = new ObjectMessageFilter(policy, bytes.length);
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        try (ObjectInputStream in = new PolicyObjectInputStream(new ByteArrayInputStream(bytes), filter)) {
            in.setObjectInputFilter(jvmWide == null ? filter : ObjectInputFilter.merge(filter, jvmWide));
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            MessageFormatException mfe = new MessageFormatException("cannot deserialize the object of an "
                    + "ObjectMessage: " + reason(e, filter, jvmWide));
            mfe.setLinkedException(e);
            mfe.initCause(e);
            throw mfe;
        }
    }

    private static String reason(Exception e, ObjectMessageFilter filter, ObjectInputFilter jvmWide) {
        if (filter.refusal() != null) {
            return filter.refusal();
        }
        if (jvmWide != null && e instanceof InvalidClassException && e.getMessage().contains("filter status")) {
            return "refused by the JVM-wide filter of the system property jdk.serialFilter (" + e.getMessage() + ")";
        }
        return e.toString();
    }

    private static final class PolicyObjectInputStream extends ObjectInputStream {
        private final ObjectMessageFilter filter;

        PolicyObjectInputStream(InputStream in, ObjectMessageFilter filter) throws IOException {
            super(in);
            this.filter = filter;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (!filter.allows(desc.getName())) {
                throw new InvalidClassException(desc.getName(), filter.refusal());
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution
                }
            }
            return super.resolveClass(desc);
        }
    }
}
