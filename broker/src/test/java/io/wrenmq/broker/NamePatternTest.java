package io.wrenmq.broker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Artemis-style destination name patterns: what they match and which of several wins. */
class NamePatternTest {

    @Test
    void starMatchesOneWordAndHashAnyNumberIncludingNone() {
        assertTrue(NamePattern.of("orders.*").matches("orders.eu"));
        assertFalse(NamePattern.of("orders.*").matches("orders"));
        assertFalse(NamePattern.of("orders.*").matches("orders.eu.north"));
        assertTrue(NamePattern.of("orders.#").matches("orders"));
        assertTrue(NamePattern.of("orders.#").matches("orders.eu.north"));
        assertTrue(NamePattern.of("#.audit").matches("a.b.audit"));
        assertTrue(NamePattern.of("#").matches("anything.at.all"));
        assertFalse(NamePattern.of("orders").matches("orders.eu"));
        assertFalse(NamePattern.of("orders.#").matches("ordersx"));
    }

    @Test
    void theExactPatternIsMostSpecificThenMoreLiteralWordsThenNoHash() {
        List<NamePattern> patterns = new ArrayList<>(List.of(NamePattern.of("orders.eu"), NamePattern.of("#"),
                NamePattern.of("orders.*"), NamePattern.of("orders.#"), NamePattern.of("*.*")));
        patterns.sort(NamePattern.LEAST_SPECIFIC_FIRST);
        assertEquals("[#, *.*, orders.#, orders.*, orders.eu]", patterns.toString());
    }

    @Test
    void anEmptyPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NamePattern.of(" "));
    }
}
