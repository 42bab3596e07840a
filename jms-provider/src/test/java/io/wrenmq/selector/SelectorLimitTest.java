package io.wrenmq.selector;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicReference;

import static io.wrenmq.selector.Selectors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refusal: the exception the client throws, the position and excerpt in the message, and the bounds on length and
 * nesting that keep hostile input from costing the broker more than a refusal.
 */
class SelectorLimitTest {

    // What the client sees

    @Test
    void validatesForTheClientWithInvalidSelectorException() throws InvalidSelectorException {
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.validate("a = "));
        SelectorSyntaxException cause = assertInstanceOf(SelectorSyntaxException.class, e.getCause());
        assertSame(cause, e.getLinkedException());
        assertEquals(cause.getMessage(), e.getMessage());
        assertEquals(4, cause.index());
        assertEquals("a = ", cause.selector());
        assertTrue(Selector.validate("a = 1").matches(MapContext.of("a", 1)));
        assertSame(Selector.ALL, Selector.validate(""));
    }

    @Test
    void showsWhereTheSelectorIsWrong() {
        SelectorSyntaxException e = assertRefused("color = 'red' AND weight >", 26, "expected an identifier");
        assertEquals("expected an identifier, a literal or '(' but found the end of the selector at index 26\n"
                + "color = 'red' AND weight >\n"
                + "                          ^", e.getMessage());
    }

    @Test
    void showsOnlyTheNeighbourhoodOfTheErrorInALongSelector() {
        String selector = "a = 1 OR ".repeat(20) + "b = = 2" + " OR c = 3".repeat(20);
        SelectorSyntaxException e = assertRefused(selector, 184, "expected an identifier");
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[1].startsWith("...") && lines[1].endsWith("..."), lines[1]);
        assertEquals(lines[1].indexOf("= = 2") + 2, lines[2].indexOf('^'));
    }

    @Test
    void blanksLineTerminatorsInTheExcerpt() {
        SelectorSyntaxException e = assertRefused("a = 1\nAND\n= 2", 10, "expected an identifier");
        assertEquals("a = 1 AND = 2", e.getMessage().split("\n")[1]);
    }

    // Length

    @Test
    void acceptsASelectorOfTheMaximumLength() {
        String terms = "a = 1" + " OR a = 1".repeat(400);
        String selector = terms + " ".repeat(Selector.MAX_LENGTH - terms.length());
        assertEquals(Selector.MAX_LENGTH, selector.length());
        assertTrue(Selector.parse(selector).matches(MapContext.of("a", 1)));
    }

    @Test
    void refusesALongerSelector() {
        String selector = "a = 1" + " ".repeat(Selector.MAX_LENGTH - 4);
        assertRefused(selector, Selector.MAX_LENGTH, "the selector is 4097 characters long, more than the limit of 4096");
    }

    @Test
    void appliesTheLimitsItIsGiven() {
        assertTrue(Selector.parse("a = 123456", 10, 1).matches(MapContext.of("a", 123456)));
        SelectorSyntaxException tooLong = assertThrows(SelectorSyntaxException.class,
                () -> Selector.parse("a = 1234567", 10, 1));
        assertEquals(10, tooLong.index());
        SelectorSyntaxException tooDeep = assertThrows(SelectorSyntaxException.class,
                () -> Selector.parse("NOT a = 1", 10, 1));
        assertEquals("the selector nests deeper than the limit of 1 levels", tooDeep.reason());
    }

    @ParameterizedTest
    @CsvSource({"0, 100", "100, 0", "-1, 100", "100, 201"})
    void refusesLimitsThatCannotWork(int maxLength, int maxDepth) {
        assertThrows(IllegalArgumentException.class, () -> Selector.parse("a", maxLength, maxDepth));
    }

    // Depth

    @Test
    void acceptsParenthesesNestedToTheLimit() {
        int n = Selector.MAX_DEPTH;
        assertTrue(Selector.parse("(".repeat(n) + "a = 1" + ")".repeat(n)).matches(MapContext.of("a", 1)));
        assertRefused("(".repeat(n + 1) + "a = 1" + ")".repeat(n + 1), n, "nests deeper than the limit of 100");
    }

    @Test
    void acceptsNotNestedToTheLimit() {
        int n = Selector.MAX_DEPTH;
        assertEquals(Truth.TRUE, Selector.parse("NOT ".repeat(n) + "a").evaluate(MapContext.of("a", true)));
        assertRefused("NOT ".repeat(n + 1) + "a", 4 * n, "nests deeper than the limit of 100");
    }

    @Test
    void acceptsSignsNestedToTheLimit() {
        int n = Selector.MAX_DEPTH;
        assertTrue(Selector.parse("a = " + "-".repeat(n) + "1").matches(MapContext.of("a", 1)));
        assertTrue(Selector.parse("a = " + "-".repeat(n - 1) + "b").matches(MapContext.of("a", -1, "b", 1)));
        assertRefused("a = " + "-".repeat(n + 1) + "1", 4 + n, "nests deeper than the limit of 100");
    }

    @Test
    void acceptsArithmeticChainedToTheLimit() {
        // A chain of 99 additions is 99 levels deep, and its comparison one more.
        String ok = "a" + " + a".repeat(Selector.MAX_DEPTH - 1) + " > 0";
        assertTrue(Selector.parse(ok).matches(MapContext.of("a", 1)));
        String deeper = "a" + " + a".repeat(Selector.MAX_DEPTH) + " > 0";
        assertRefused(deeper, deeper.indexOf('>'), "nests deeper than the limit of 100");
    }

    @Test
    void countsBetweenAsTwoLevels() {
        String ok = "NOT ".repeat(Selector.MAX_DEPTH - 2) + "a BETWEEN 1 AND 2";
        assertEquals(Truth.TRUE, Selector.parse(ok).evaluate(MapContext.of("a", 1)));
        // The outermost NOT is the level too many.
        assertRefused("NOT " + ok, 0, "nests deeper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "NOT ", "-", "((a = 1) AND ", "a = 1 OR (", "- (", "NOT (-("})
    void refusesHostileNestingWithoutOverflowingTheStack(String level) {
        String selector = level.repeat(200_000);
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class,
                () -> Selector.parse(selector, Integer.MAX_VALUE, Selector.MAX_DEPTH));
        assertTrue(e.reason().contains("nests deeper"), e.reason());
    }

    @Test
    void parsesAndEvaluatesTheDeepestAcceptedSelectorOnASmallStack() throws InterruptedException {
        int depth = Selector.MAX_DEPTH_CEILING;
        String selector = "(".repeat(depth / 2) + "NOT ".repeat(depth / 2 - 1) + "-a = -1" + ")".repeat(depth / 2);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(Selector.parse(selector, Integer.MAX_VALUE, depth).evaluate(MapContext.of("a", 1)));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertEquals(Truth.FALSE, result.get(), () -> String.valueOf(result.get()));
    }
}
