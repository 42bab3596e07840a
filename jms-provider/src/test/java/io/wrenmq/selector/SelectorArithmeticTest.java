package io.wrenmq.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.wrenmq.selector.Selectors.assertEval;
import static io.wrenmq.selector.Selectors.assertRefused;
import static io.wrenmq.selector.Selectors.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 3.8.1.1, "Comparison operators" and "Arithmetic operators": like types only, Java numeric promotion, the
 * precedence of the operators, and what NULL and values of the wrong type make of them.
 */
class SelectorArithmeticTest {

    // Comparison of numbers, of every property type

    static Stream<Arguments> numbersOfEveryType() {
        return Stream.of((byte) 5, (short) 5, 5, 5L, 5f, 5d).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("numbersOfEveryType")
    void comparesANumberOfAnyTypeWithEveryOperator(Object five) {
        for (String selector : new String[] {"x = 5", "x <> 4", "x > 4", "x >= 5", "x < 6", "x <= 5", "x = 5.0",
                "x > 4.5", "5 = x", "6 > x", "x = x"}) {
            assertEval(Truth.TRUE, selector, "x", five);
        }
        for (String selector : new String[] {"x = 4", "x <> 5", "x > 5", "x >= 6", "x < 5", "x <= 4", "x = 5.5",
                "x < 4.5", "x <> x"}) {
            assertEval(Truth.FALSE, selector, "x", five);
        }
    }

    @Test
    void promotesALongComparedWithAFloatToFloat() {
        // As in Java: 16777217L == 16777216f, because the long is converted to float.
        assertEval(Truth.TRUE, "x = 16777216.0F", "x", 16_777_217L);
        assertEval(Truth.FALSE, "x = 16777216.0", "x", 16_777_217L);
    }

    @Test
    void promotesAFloatComparedWithADoubleToDouble() {
        assertEval(Truth.FALSE, "x = 1.1", "x", 1.1f);
        assertEval(Truth.TRUE, "x = y", "x", 0.5f, "y", 0.5d);
    }

    @Test
    void comparesNotANumberAsJavaDoes() {
        assertEval(Truth.FALSE, "x = x", "x", Double.NaN);
        assertEval(Truth.TRUE, "x <> x", "x", Double.NaN);
        assertEval(Truth.FALSE, "x < 1 OR x >= 1", "x", Float.NaN);
    }

    // Strings and booleans: = and <> only

    @Test
    void comparesStringsByTheirCharacters() {
        assertEval(Truth.TRUE, "s = 'abc'", "s", "abc");
        assertEval(Truth.FALSE, "s = 'abc'", "s", "ABC");
        assertEval(Truth.TRUE, "s <> 'abc'", "s", "abcd");
        assertEval(Truth.TRUE, "s = t", "s", "x", "t", new String("x"));
    }

    @Test
    void comparesBooleans() {
        assertEval(Truth.TRUE, "b = TRUE", "b", true);
        assertEval(Truth.TRUE, "b <> FALSE", "b", true);
        assertEval(Truth.FALSE, "b = c", "b", true, "c", false);
        assertEval(Truth.TRUE, "TRUE = TRUE");
        assertEval(Truth.FALSE, "TRUE <> TRUE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s < 'a'         | 2  | < does not apply to the string literal 'a'",
            "'a' >= s        | 4  | >= does not apply to the string literal 'a'",
            "b > TRUE        | 2  | > does not apply to the boolean TRUE",
            "(a = 1) < b     | 8  | < does not apply to a condition",
    })
    void refusesOrderingAStringOrABoolean(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    @Test
    void findsOrderedStringsOrBooleansOfPropertiesFalse() {
        assertEval(Truth.FALSE, "s < t", "s", "a", "t", "b");
        assertEval(Truth.FALSE, "s >= t", "s", "a", "t", "b");
        assertEval(Truth.FALSE, "b > c", "b", true, "c", false);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'abc' = 5        | 6 | cannot compare the string literal 'abc' with the number 5",
            "5 <> 'abc'       | 2 | cannot compare the number 5 with the string literal 'abc'",
            "TRUE = 1         | 5 | cannot compare the boolean TRUE with the number 1",
            "'a' = FALSE      | 4 | cannot compare the string literal 'a' with the boolean FALSE",
            "a + 1 = 'x'      | 6 | cannot compare an arithmetic expression with the string literal 'x'",
            "(a > 1) = 2      | 8 | cannot compare a condition with the number 2",
    })
    void refusesComparingLiteralsOfUnlikeTypes(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    // Values of unlike type at evaluation time: FALSE, as 3.8.1.1 says; NULL: UNKNOWN

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "NumberOfOrders > 1",
            "NumberOfOrders = 2",
            "NumberOfOrders + 1 = 3",
            "-NumberOfOrders = -2",
            "NumberOfOrders * 1 > 0",
            "n = NumberOfOrders",
            "b = NumberOfOrders",
            "n = 'x'",
            "b = 1",
            "b = 'true'",
    })
    void findsAComparisonOfUnlikeTypesFalse(String selector) {
        Object[] message = {"NumberOfOrders", "2", "n", 2, "b", true};
        assertEval(Truth.FALSE, selector, message);
        assertEval(Truth.TRUE, "NOT (" + selector + ")", message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a = 1", "1 = a", "a <> 1", "a = b", "a = 'x'", "a = TRUE", "a + 1 = 1", "1 - a = 1", "-a = 1",
            "a * 2 > 0", "2 / a > 0", "a + s = 1", "s + a = 1",
    })
    void findsAComparisonWithNullUnknown(String selector) {
        assertEval(Truth.UNKNOWN, selector, "s", "string");
        assertEval(Truth.UNKNOWN, "NOT (" + selector + ")", "s", "string");
    }

    // Arithmetic

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2 + 3 * 4 = 14",
            "(2 + 3) * 4 = 20",
            "10 - 4 - 3 = 3",
            "100 / 10 / 5 = 2",
            "2 * 3 / 4 = 1",
            "-2 * 3 = -6",
            "2 - -3 = 5",
            "- - 3 = 3",
            "+ -3 = -3",
            "7 / 2 = 3",
            "-7 / 2 = -3",
            "7 / 2.0 = 3.5",
            "7.0 / 2 = 3.5",
            "1 / 3 * 3 = 0",
            "0.1 + 0.2 <> 0.3",
            "9223372036854775807 + 1 = -9223372036854775808",
            "x + 1 > x * 2 - 4",
    })
    void computesWithPrecedenceAndJavaSemantics(String selector) {
        assertEval(Truth.TRUE, selector, "x", 4);
    }

    @Test
    void computesIntPropertiesInIntArithmetic() {
        // Java numeric promotion: int + int is int, and wraps; a long operand makes it long.
        assertEval(Truth.TRUE, "i + j < 0", "i", Integer.MAX_VALUE, "j", 1);
        assertEval(Truth.TRUE, "i + j < 0", "i", Integer.MAX_VALUE, "j", (short) 1);
        assertEval(Truth.FALSE, "i + j < 0", "i", Integer.MAX_VALUE, "j", 1L);
        assertEval(Truth.FALSE, "i + 1 < 0", "i", Integer.MAX_VALUE); // literals are longs
        assertEval(Truth.TRUE, "-i > 0", "i", Integer.MIN_VALUE + 1);
        assertEval(Truth.TRUE, "-i = i", "i", Integer.MIN_VALUE);
        assertEval(Truth.TRUE, "b * b = 16129", "b", (byte) 127);
    }

    @Test
    void computesFloatPropertiesInFloatArithmetic() {
        assertEval(Truth.TRUE, "f + i = 16777216.0", "f", 16_777_216f, "i", 1);
        assertEval(Truth.TRUE, "f + 1.0 = 16777217.0", "f", 16_777_216f);
        assertEval(Truth.TRUE, "f * f = 0.010000001F", "f", 0.1f);
    }

    @Test
    void makesIntegerDivisionByZeroNull() {
        assertEval(Truth.UNKNOWN, "x / 0 = 1", "x", 1);
        assertEval(Truth.UNKNOWN, "x / y = 1", "x", 1L, "y", 0);
        assertEval(Truth.TRUE, "x / 0.0 > 1000000", "x", 1);
        assertEval(Truth.TRUE, "x / 0 = x / 0", "x", 1.0); // Infinity: not NULL
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a + 'x' = 1       | 4  | '+' needs numbers but found the string literal 'x'",
            "'x' * 2 = 1       | 0  | '*' needs numbers but found the string literal 'x'",
            "a - TRUE = 1      | 4  | '-' needs numbers but found the boolean TRUE",
            "a / (b > 1) = 1   | 4  | '/' needs numbers but found a condition",
            "-'x' = 1          | 1  | unary '-' needs numbers but found the string literal 'x'",
            "+FALSE = 1        | 1  | unary '+' needs numbers but found the boolean FALSE",
            "a + 1             | 0  | expected a condition but found an arithmetic expression",
            "5                 | 0  | expected a condition but found the number 5",
            "'abc'             | 0  | expected a condition but found the string literal 'abc'",
            "-a                | 0  | expected a condition but found an arithmetic expression",
            "+a                | 0  | expected a condition but found an arithmetic expression",
            "a AND 1           | 6  | expected a condition but found the number 1",
            "NOT 'x'           | 4  | expected a condition but found the string literal 'x'",
    })
    void refusesArithmeticOnWhatIsNoNumberAndANumberForACondition(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    // Precedence: unary sign, * /, + -, comparison, NOT, AND, OR; left to right within a level

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a OR b AND c                 | (a OR (b AND c))",
            "a AND b OR c                 | ((a AND b) OR c)",
            "NOT a AND b                  | ((NOT a) AND b)",
            "NOT a OR NOT b               | ((NOT a) OR (NOT b))",
            "NOT a = 1                    | (NOT (a = 1))",
            "NOT NOT a                    | (NOT (NOT a))",
            "a = 1 OR b = 2 AND c = 3     | ((a = 1) OR ((b = 2) AND (c = 3)))",
            "(a OR b) AND c               | ((a OR b) AND c)",
            "a AND b AND c                | (a AND b AND c)",
            "(a AND b) AND (c AND d)      | (a AND b AND c AND d)",
            "a OR (b OR c)                | (a OR b OR c)",
            "a + b * c > d - e / f        | ((a + (b * c)) > (d - (e / f)))",
            "a - b - c = 0                | (((a - b) - c) = 0)",
            "-a * b = 0                   | (((-a) * b) = 0)",
            "-(a * b) = 0                 | ((-(a * b)) = 0)",
            "-3 * b = 0                   | ((-3 * b) = 0)",
            "(a > 1) = TRUE               | ((a > 1) = TRUE)",
            "a = 1 AND (b > 2) <> FALSE   | ((a = 1) AND ((b > 2) <> FALSE))",
    })
    void parsesOperatorsByTheirPrecedence(String selector, String tree) {
        assertEquals(tree, canonical(selector));
    }

    @Test
    void evaluatesAndBeforeOr() {
        // a OR b AND c with a TRUE, c FALSE: TRUE as a OR (b AND c), FALSE as (a OR b) AND c.
        assertEval(Truth.TRUE, "a OR b AND c", "a", true, "b", true, "c", false);
        assertEval(Truth.FALSE, "(a OR b) AND c", "a", true, "b", true, "c", false);
        // NOT binds tighter than AND: NOT a AND b with a FALSE, b FALSE is FALSE; NOT (a AND b) would be TRUE.
        assertEval(Truth.FALSE, "NOT a AND b", "a", false, "b", false);
        assertEval(Truth.TRUE, "NOT (a AND b)", "a", false, "b", false);
    }

    @Test
    void comparesAConditionAsABooleanValue() {
        assertEval(Truth.TRUE, "(a > 1) = TRUE", "a", 2);
        assertEval(Truth.TRUE, "(a > 1) = (b > 1)", "a", 0, "b", 0);
        assertEval(Truth.UNKNOWN, "(a > 1) = FALSE");
    }

    @Test
    void refusesChainedComparisons() {
        assertRefused("a = b = c", 6, "expected the end of the selector but found '='");
    }
}
