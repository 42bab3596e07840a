package io.wrenmq.jms.message;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeserializationPolicyTest {
    private static final DeserializationPolicy DEFAULTS = DeserializationPolicy.of(
            DeserializationPolicy.DEFAULT_ALLOW_LIST, List.of());

    /** Asserts that {@code policy} allows each of {@code allowed} and refuses each of {@code refused}. */
    private static void assertSorts(DeserializationPolicy policy, List<String> allowed, List<String> refused) {
        for (String name : allowed) {
            assertTrue(policy.allows(name), name + " should be allowed");
        }
        for (String name : refused) {
            assertFalse(policy.allows(name), name + " should be refused");
        }
    }

    @Test
    @DisplayName("by default the JDK's value types are allowed and application classes are not")
    void defaultsAllowJdkValueTypesOnly() {
        assertSorts(DEFAULTS,
                List.of("java.lang.String", "java.lang.Integer", "java.util.HashMap",
                        "java.util.concurrent.ConcurrentHashMap", "java.math.BigDecimal", "java.time.Ser"),
                List.of("com.acme.Order", "javax.management.BadAttributeValueExpException", "java.utilx.Trojan",
                        "org.apache.commons.collections.functors.InvokerTransformer"));
    }

    @Test
    @DisplayName("a package entry covers its subpackages; a class entry its nested classes and nothing else")
    void packageAndClassEntries() {
        assertSorts(DeserializationPolicy.of(List.of("com.acme.model", "com.acme.api.Order"), List.of()),
                List.of("com.acme.model.Line", "com.acme.model.v2.Line", "com.acme.api.Order",
                        "com.acme.api.Order$Line"),
                List.of("com.acme.api.OrderEvil", "com.acme.api.Invoice", "com.acme.modelling.X"));
    }

    @Test
    @DisplayName("an array is allowed when its element type is; primitives and their arrays always are")
    void arraysAndPrimitives() {
        assertSorts(DEFAULTS, List.of("[Ljava.lang.String;", "[[Ljava.util.Date;", "[I", "[[J", "int"),
                List.of("[Lcom.acme.Order;", "[[[Lcom.acme.Order;"));
    }

    @Test
    @DisplayName("the deny-list wins over the allow-list, * included")
    void denyWinsOverAllow() {
        DeserializationPolicy p = DeserializationPolicy.of(List.of("*"), List.of("com.acme.internal", "java.util"));
        assertTrue(p.allows("com.acme.Order"));
        assertFalse(p.allows("com.acme.internal.Secret"));
        assertFalse(p.allows("java.util.HashMap"));
        String why = p.refusal("[Lcom.acme.internal.Secret;");
        assertTrue(why.contains("com.acme.internal.Secret") && why.contains("deny-list")
                && why.contains("'com.acme.internal'"), why);

        DeserializationPolicy nothing = DeserializationPolicy.of(List.of("*"), List.of("*"));
        assertFalse(nothing.allows("java.lang.String"));
        assertTrue(nothing.allows("[B"), "primitives carry no code");
    }

    @Test
    @DisplayName("* allows every class")
    void wildcardAllowsEverything() {
        DeserializationPolicy p = DeserializationPolicy.standard().allowing("*");
        assertTrue(p.allows("com.acme.Order"));
        assertTrue(p.allows("[Lcom.acme.Order;"));
    }

    @Test
    @DisplayName("a refusal names the class and says how to allow it")
    void refusalSaysHowToAllow() {
        String why = DEFAULTS.refusal("[Lcom.acme.Order$Line;");
        assertTrue(why.contains("com.acme.Order$Line"), why);
        assertTrue(why.contains("deserializationAllowList"), why);
        assertTrue(why.contains(DeserializationPolicy.ALLOW_LIST_PROPERTY), why);
        assertNull(DEFAULTS.refusal("java.lang.Long"));
    }

    @Test
    @DisplayName("lists are comma-separated, blanks ignored, a trailing .* accepted; a malformed entry is refused")
    void parsesLists() {
        assertEquals(List.of("com.acme", "com.acme.Order", "*"),
                DeserializationPolicy.entries(" com.acme.* ,, com.acme.Order,*"));
        assertEquals(List.of(), DeserializationPolicy.entries(null));
        assertSame(DEFAULTS, DEFAULTS.allowing(" ").denying(null));
        for (String bad : List.of("com..acme", "com.acme.", "com acme", "com.*.x", "1com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeserializationPolicy.entries(bad));
            assertTrue(e.getMessage().contains("'" + bad.trim() + "'"), e.getMessage());
        }
    }

    @Test
    @DisplayName("standard() adds the system properties to the defaults, the deny-list winning")
    void readsSystemProperties() {
        System.setProperty(DeserializationPolicy.ALLOW_LIST_PROPERTY, "com.acme");
        System.setProperty(DeserializationPolicy.DENY_LIST_PROPERTY, "com.acme.internal,java.time");
        try {
            DeserializationPolicy p = DeserializationPolicy.standard();
            assertTrue(p.allows("com.acme.Order"));
            assertTrue(p.allows("java.util.ArrayList"));
            assertFalse(p.allows("com.acme.internal.Secret"));
            assertFalse(p.allows("java.time.Ser"));
        } finally {
            System.clearProperty(DeserializationPolicy.ALLOW_LIST_PROPERTY);
            System.clearProperty(DeserializationPolicy.DENY_LIST_PROPERTY);
        }
        assertFalse(DeserializationPolicy.standard().allows("com.acme.Order"));
    }
}
