package io.wrenmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the selector tests. */
final class Selectors {
    private Selectors() {
    }

    /** What {@code selector} evaluates to for a message with the given properties (name, value, ...). */
    static Truth eval(String selector, Object... properties) {
        return Selector.parse(selector).evaluate(MapContext.of(properties));
    }

    static void assertEval(Truth expected, String selector, Object... properties) {
        assertEquals(expected, eval(selector, properties), selector);
    }

    /** Asserts that {@code selector} is refused at {@code index}, for a reason containing {@code reasonPart}. */
    static SelectorSyntaxException assertRefused(String selector, int index, String reasonPart) {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector),
                selector);
        assertEquals(index, e.index(), () -> "index of: " + e.getMessage());
        assertTrue(e.reason().contains(reasonPart), () -> "reason '" + e.reason() + "' lacks '" + reasonPart + "'");
        return e;
    }

    static String canonical(String selector) {
        return Selector.parse(selector).canonical();
    }
}
