package io.wrenmq.jms.jndi;

import io.wrenmq.jms.WrenQueue;
import io.wrenmq.jms.WrenTopic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names a {@link WrenInitialContextFactory} context knows, as lists of name components: the bound objects, the
 * contexts implied by compound names ({@code jms/orders} implies {@code jms}), and the two dynamic contexts,
 * {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>}, which make a queue or topic of any name on lookup.
 * Immutable, so every context derived from one initial context shares it.
 */
final class NameSpace {
    static final String DYNAMIC_QUEUES = "dynamicQueues";
    static final String DYNAMIC_TOPICS = "dynamicTopics";

    /** Marks a name that is a context rather than a bound object. */
    static final Object CONTEXT = new Object();

    private final Map<List<String>, Object> bound;

    NameSpace(Map<List<String>, Object> bound) {
        this.bound = Collections.unmodifiableMap(new LinkedHashMap<>(bound));
    }

    /**
     * What {@code name} names: a bound object, a queue or topic under a dynamic context, {@link #CONTEXT}, or null
     * if nothing.
     *
     * @throws IllegalArgumentException for a dynamic destination with an empty name
     */
    Object resolve(List<String> name) {
        if (name.isEmpty()) {
            return CONTEXT;
        }
        Object object = bound.get(name);
        if (object != null) {
            return object;
        }
        String first = name.get(0);
        if (isDynamic(first)) {
            if (name.size() == 1) {
                return CONTEXT;
            }
            // A queue may be named with slashes: dynamicQueues/a/b is the queue "a/b".
            String destination = String.join("/", name.subList(1, name.size()));
            return first.equals(DYNAMIC_QUEUES) ? new WrenQueue(destination) : new WrenTopic(destination);
        }
        for (List<String> key : bound.keySet()) {
            if (key.size() > name.size() && key.subList(0, name.size()).equals(name)) {
                return CONTEXT;
            }
        }
        return null;
    }

    /**
     * The names directly inside the context {@code prefix}, each with its object or {@link #CONTEXT}, sorted. The
     * dynamic contexts list nothing: every name is in them.
     */
    Map<String, Object> children(List<String> prefix) {
        Map<String, Object> children = new TreeMap<>();
        if (prefix.isEmpty()) {
            children.put(DYNAMIC_QUEUES, CONTEXT);
            children.put(DYNAMIC_TOPICS, CONTEXT);
        }
        for (Map.Entry<List<String>, Object> e : bound.entrySet()) {
            List<String> key = e.getKey();
            if (key.size() > prefix.size() && key.subList(0, prefix.size()).equals(prefix)) {
                String child = key.get(prefix.size());
                // A name bound both as an object and as the start of longer names is found as the object.
                children.merge(child, key.size() == prefix.size() + 1 ? e.getValue() : CONTEXT,
                        (old, now) -> old == CONTEXT ? now : old);
            }
        }
        return children;
    }

    private static boolean isDynamic(String component) {
        return component.equals(DYNAMIC_QUEUES) || component.equals(DYNAMIC_TOPICS);
    }
}
