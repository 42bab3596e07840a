package io.wrenmq.jms.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which classes {@link WrenObjectMessage#getObject()} may deserialize: those matched by an entry of the allow-list
 * and by no entry of the deny-list (the deny-list wins). Deserializing bytes from the network runs the
 * {@code readObject} of whatever classes they name, so a class nobody allowed is never even loaded.
 *
 * <p>An entry is a class name ({@code com.acme.model.Order}, which also covers its nested classes), a package name
 * ({@code com.acme.model}, which also covers its subpackages; {@code com.acme.model.*} means the same), or {@code *}
 * for every class. The names are those of Artemis's {@code deserializationAllowList} and ActiveMQ's
 * {@code trustedPackages}, with the same meaning. An array is allowed when its element type is; primitives always are.
 *
 * <p>{@link #standard()} is secure by default: it allows {@link #DEFAULT_ALLOW_LIST} only, plus what the system
 * properties {@value #ALLOW_LIST_PROPERTY} and {@value #DENY_LIST_PROPERTY} add. Each further source of entries
 * (the connection factory's setters, its URL options) adds to the lists; none replaces them, so a JVM-wide deny-list
 * cannot be undone by one factory. Immutable and thread-safe.
 */
public final class DeserializationPolicy {
    /** JVM-wide allow-list entries, comma-separated; added to those of every connection factory. */
    public static final String ALLOW_LIST_PROPERTY = "io.wrenmq.jms.deserialization.allowList";
    /** JVM-wide deny-list entries, comma-separated; added to those of every connection factory. */
    public static final String DENY_LIST_PROPERTY = "io.wrenmq.jms.deserialization.denyList";
    /**
     * What is allowed without configuration: the value types of the JDK that payloads are made of (strings, boxed
     * numbers, collections, {@code BigDecimal}, dates and times). Application classes must be allowed explicitly.
     */
    public static final List<String> DEFAULT_ALLOW_LIST = List.of("java.lang", "java.util", "java.math", "java.time");

    private static final String EVERYTHING = "*";
    private static final Pattern ENTRY = Pattern.compile(
            "\\*|\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}"
                    + "\\p{javaJavaIdentifierPart}*)*(\\.\\*)?");
    private static final List<String> PRIMITIVES = List.of("boolean", "byte", "char", "short", "int", "long",
            "float", "double", "void");

    private final List<String> allow;
    private final List<String> deny;

    private DeserializationPolicy(List<String> allow, List<String> deny) {
        this.allow = Collections.unmodifiableList(allow);
        this.deny = Collections.unmodifiableList(deny);
    }

    /** The defaults and the system properties, read now. */
    public static DeserializationPolicy standard() {
        return new DeserializationPolicy(new ArrayList<>(DEFAULT_ALLOW_LIST), List.of())
                .allowing(System.getProperty(ALLOW_LIST_PROPERTY))
                .denying(System.getProperty(DENY_LIST_PROPERTY));
    }

    /** Exactly these entries, without defaults or system properties. */
    public static DeserializationPolicy of(List<String> allow, List<String> deny) {
        return new DeserializationPolicy(normalized(allow), normalized(deny));
    }

    /**
     * This policy with the entries of {@code list} added to its allow-list.
     *
     * @param list comma-separated entries; null or blank adds nothing
     * @throws IllegalArgumentException naming an entry that is neither a class nor a package name nor {@code *}
     */
    public DeserializationPolicy allowing(String list) {
        List<String> more = entries(list);
        return more.isEmpty() ? this : new DeserializationPolicy(concat(allow, more), new ArrayList<>(deny));
    }

    /** This policy with the entries of {@code list} added to its deny-list; as {@link #allowing}. */
    public DeserializationPolicy denying(String list) {
        List<String> more = entries(list);
        return more.isEmpty() ? this : new DeserializationPolicy(new ArrayList<>(allow), concat(deny, more));
    }

    /**
     * The entries of a comma-separated list, checked and without a trailing {@code .*}.
     *
     * @throws IllegalArgumentException naming an entry that is neither a class nor a package name nor {@code *}
     */
    public static List<String> entries(String list) {
        List<String> entries = new ArrayList<>();
        if (list != null) {
            for (String raw : list.split(",")) {
                if (!raw.isBlank()) {
                    entries.add(raw.trim());
                }
            }
        }
        return normalized(entries);
    }

    private static List<String> normalized(List<String> entries) {
        List<String> out = new ArrayList<>(entries.size());
        for (String e : entries) {
            if (e == null || !ENTRY.matcher(e).matches()) {
                throw new IllegalArgumentException("'" + e + "' is not a class or package name for a "
                        + "deserialization list; write e.g. com.acme.model (a package), com.acme.model.Order (a class)"
                        + " or * (every class)");
            }
            out.add(e.endsWith(".*") ? e.substring(0, e.length() - 2) : e);
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public List<String> allowList() {
        return allow;
    }

    public List<String> denyList() {
        return deny;
    }

    /** Whether a class may be deserialized. */
    public boolean allows(String className) {
        return refusal(className) == null;
    }

    /**
     * Why a class may not be deserialized, in words that say how to allow it; null if it may.
     *
     * @param className as {@link Class#getName()} gives it: {@code com.acme.Order$Line}, {@code [Lcom.acme.Order;}
     */
    public String refusal(String className) {
        String type = elementType(className);
        if (type == null) {
            return null;
        }
        String denied = firstMatch(deny, type);
        if (denied != null) {
            return "class " + type + " is on the deserialization deny-list (entry '" + denied + "'), which wins "
                    + "over the allow-list; remove that entry to deserialize it";
        }
        if (firstMatch(allow, type) != null) {
            return null;
        }
        return "class " + type + " is not on the deserialization allow-list " + allow + "; to deserialize it, add "
                + "its class or package name to the connection factory's deserializationAllowList (the setter, "
                + "or the URL option deserializationAllowList=), or to the system property " + ALLOW_LIST_PROPERTY;
    }

    /** The class an array is made of; null for a primitive or an array of primitives, which are always safe. */
    private static String elementType(String className) {
        String name = className;
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0) {
            name = name.startsWith("L", dims) && name.endsWith(";") ? name.substring(dims + 1, name.length() - 1)
                    : null;
        }
        return name == null || PRIMITIVES.contains(name) ? null : name;
    }

    /** The first entry that is {@code *}, the class, an enclosing class, or a package of the class. */
    private static String firstMatch(List<String> entries, String className) {
        for (String entry : entries) {
            if (entry.equals(EVERYTHING) || className.equals(entry)
                    || (className.startsWith(entry) && className.length() > entry.length()
                    && (className.charAt(entry.length()) == '.' || className.charAt(entry.length()) == '$'))) {
                return entry;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "DeserializationPolicy[allow=" + allow + ", deny=" + deny + "]";
    }
}
