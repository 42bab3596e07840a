package io.wrenmq.jms.jndi;

import javax.naming.RefAddr;
import javax.naming.Reference;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The string attributes of a {@link Reference}, looked up by any of their usual spellings and ignoring case: the
 * same object is written {@code brokerURL="..."} by ActiveMQ users and {@code brokerUrl} by others, and a container
 * passes whatever the administrator typed.
 */
final class ResourceAttributes {
    /** What Tomcat adds to every resource reference itself; none of it concerns the object being built. */
    private static final Set<String> CONTAINER_ATTRIBUTES = Set.of("factory", "description", "scope", "auth",
            "singleton", "closemethod", "type", "lookupname");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> spelledAs = new LinkedHashMap<>();

    ResourceAttributes(Reference ref) {
        for (Enumeration<RefAddr> all = ref.getAll(); all.hasMoreElements(); ) {
            RefAddr addr = all.nextElement();
            if (addr.getType() != null && addr.getContent() != null) {
                String key = addr.getType().toLowerCase(Locale.ROOT);
                values.put(key, addr.getContent().toString());
                spelledAs.put(key, addr.getType());
            }
        }
    }

    /** The value of the first of {@code spellings} present and not blank, or null. */
    String first(String... spellings) {
        for (String s : spellings) {
            String v = values.get(s.toLowerCase(Locale.ROOT));
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** The attributes, as spelled, that are neither among {@code read} nor a container's own. */
    Set<String> unexpected(String... read) {
        Set<String> rest = new TreeSet<>();
        Set<String> known = new TreeSet<>(CONTAINER_ATTRIBUTES);
        for (String r : read) {
            known.add(r.toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> e : spelledAs.entrySet()) {
            if (!known.contains(e.getKey())) {
                rest.add(e.getValue());
            }
        }
        return rest;
    }
}
