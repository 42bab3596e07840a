package io.wrenmq.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wrenmq.selector.Selectors.assertEval;
import static io.wrenmq.selector.Selectors.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 3.8.1.2, "Null values": the three-valued logic of Tables 3-4 (AND), 3-5 (OR) and 3-6 (NOT), each row checked
 * twice: with boolean properties (UNKNOWN being an absent one) and with comparisons (UNKNOWN being a comparison
 * with an absent property). And 3.8.1.1: only TRUE selects; an empty selector selects everything.
 */
class SelectorLogicTest {

    /** A boolean property p or q holding {@code t}: TRUE, FALSE, or absent for UNKNOWN. */
    private static Object property(Truth t) {
        return t == Truth.UNKNOWN ? null : t == Truth.TRUE;
    }

    /** A comparison that evaluates to {@code t}. */
    private static String comparison(Truth t) {
        return switch (t) {
            case TRUE -> "(1 = 1)";
            case FALSE -> "(1 = 2)";
            case UNKNOWN -> "(absent = 1)";
        };
    }

    @ParameterizedTest(name = "{1} {0} {2} = {3}")
    @CsvSource({
            "AND, TRUE, TRUE, TRUE",
            "AND, TRUE, FALSE, FALSE",
            "AND, TRUE, UNKNOWN, UNKNOWN",
            "AND, FALSE, TRUE, FALSE",
            "AND, FALSE, FALSE, FALSE",
            "AND, FALSE, UNKNOWN, FALSE",
            "AND, UNKNOWN, TRUE, UNKNOWN",
            "AND, UNKNOWN, FALSE, FALSE",
            "AND, UNKNOWN, UNKNOWN, UNKNOWN",
            "OR, TRUE, TRUE, TRUE",
            "OR, TRUE, FALSE, TRUE",
            "OR, TRUE, UNKNOWN, TRUE",
            "OR, FALSE, TRUE, TRUE",
            "OR, FALSE, FALSE, FALSE",
            "OR, FALSE, UNKNOWN, UNKNOWN",
            "OR, UNKNOWN, TRUE, TRUE",
            "OR, UNKNOWN, FALSE, UNKNOWN",
            "OR, UNKNOWN, UNKNOWN, UNKNOWN",
    })
    void evaluatesAndAndOrAsTables3_4And3_5(String operator, Truth p, Truth q, Truth expected) {
        assertEval(expected, "p " + operator + " q", "p", property(p), "q", property(q));
        assertEval(expected, comparison(p) + " " + operator + " " + comparison(q));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({
            "TRUE, FALSE",
            "FALSE, TRUE",
            "UNKNOWN, UNKNOWN",
    })
    void evaluatesNotAsTable3_6(Truth p, Truth expected) {
        assertEval(expected, "NOT p", "p", property(p));
        assertEval(expected, "NOT " + comparison(p));
    }

    @ParameterizedTest(name = "{0} AND {1} AND {2} = {3}; OR: {4}")
    @CsvSource({
            "TRUE, TRUE, TRUE, TRUE, TRUE",
            "TRUE, UNKNOWN, TRUE, UNKNOWN, TRUE",
            "UNKNOWN, TRUE, FALSE, FALSE, TRUE",
            "FALSE, UNKNOWN, UNKNOWN, FALSE, UNKNOWN",
            "UNKNOWN, UNKNOWN, TRUE, UNKNOWN, TRUE",
            "FALSE, FALSE, FALSE, FALSE, FALSE",
    })
    void evaluatesAChainOfAndOrOrLeftToRightByTheTables(Truth p, Truth q, Truth r, Truth and, Truth or) {
        Object[] message = {"p", property(p), "q", property(q), "r", property(r)};
        assertEval(and, "p AND q AND r", message);
        assertEval(and, "(p AND q) AND r", message);
        assertEval(or, "p OR q OR r", message);
        assertEval(or, "p OR (q OR r)", message);
    }

    @ParameterizedTest
    @EnumSource(Truth.class)
    void selectsOnlyWhenTheSelectorIsTrue(Truth t) {
        Selector s = Selector.parse("p");
        assertEquals(t == Truth.TRUE, s.matches(MapContext.of("p", property(t))));
        assertEquals(t, s.evaluate(MapContext.of("p", property(t))));
    }

    @Test
    void makesANonBooleanValueUsedAsAConditionUnknown() {
        assertEval(Truth.UNKNOWN, "p", "p", 5);
        assertEval(Truth.UNKNOWN, "NOT p", "p", "true");
        assertEval(Truth.FALSE, "p AND FALSE", "p", 1);
        assertEval(Truth.TRUE, "p OR TRUE", "p", 1);
    }

    @Test
    void comparesUnknownAsNull() {
        // (absent > 1) is UNKNOWN, a NULL when compared: UNKNOWN again, never TRUE or FALSE.
        assertEval(Truth.UNKNOWN, "(absent > 1) = TRUE");
        assertEval(Truth.UNKNOWN, "(absent > 1) <> TRUE");
    }

    @Test
    void selectsMessagesByTheExampleOfTheSpecification() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500";
        MapContext car = MapContext.of("color", "blue", "weight", 2600).header(HeaderField.TYPE, "car");
        MapContext light = MapContext.of("color", "blue", "weight", 2400).header(HeaderField.TYPE, "car");
        MapContext unweighed = MapContext.of("color", "blue").header(HeaderField.TYPE, "car");
        assertTrue(Selector.parse(selector).matches(car));
        assertEquals(Truth.FALSE, Selector.parse(selector).evaluate(light));
        assertEquals(Truth.UNKNOWN, Selector.parse(selector).evaluate(unweighed));
    }

    // An empty selector

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n\r\f  "})
    void selectsEverythingWithAnEmptySelector(String selector) {
        Selector s = Selector.parse(selector);
        assertSame(Selector.ALL, s);
        assertTrue(s.selectsAll());
        assertTrue(s.matches(new MapContext()));
        assertEquals("", s.text());
    }

    @Test
    void selectsNotEverythingWithASelectorThatIsAlwaysTrue() {
        Selector s = Selector.parse("TRUE");
        assertEquals(false, s.selectsAll());
        assertTrue(s.matches(new MapContext()));
        assertEquals(Truth.FALSE, eval("FALSE"));
    }

    @Test
    void keepsTheTextItWasGiven() {
        Selector s = Selector.parse(" a =  1 ");
        assertEquals(" a =  1 ", s.text());
        assertEquals(" a =  1 ", s.toString());
    }
}
