package io.wrenmq.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.wrenmq.selector.Selectors.assertEval;
import static io.wrenmq.selector.Selectors.assertRefused;
import static io.wrenmq.selector.Selectors.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 3.8.1.1, "Literals": string, exact numeric, approximate numeric and boolean literals. */
class SelectorLiteralTest {

    // String literals

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s = 'literal'           | literal",
            "s = 'literal''s'        | literal's",
            "s = ''''                | '",
            "s = 'a AND b = ''c'''   | a AND b = 'c'",
            "s = 'Grüße, 世界 😀'     | Grüße, 世界 😀",
            "s = '  spaced  '        | \"  spaced  \"",
    })
    void matchesAStringLiteralWithItsQuotesUndoubled(String selector, String value) {
        assertEval(Truth.TRUE, selector, "s", value);
        assertEval(Truth.FALSE, selector, "s", value + "x");
    }

    @Test
    void matchesTheEmptyStringLiteral() {
        assertEval(Truth.TRUE, "s = ''", "s", "");
        assertEval(Truth.FALSE, "s = ''", "s", " ");
    }

    @Test
    void keepsLineTerminatorsInsideAStringLiteral() {
        assertEval(Truth.TRUE, "s = 'a\nb'", "s", "a\nb");
    }

    @Test
    void refusesAStringLiteralThatIsNotClosed() {
        assertRefused("s = 'abc", 4, "string literal is not closed");
        assertRefused("s = 'it''s", 4, "string literal is not closed");
    }

    // Exact numeric literals: the Java integer literal syntax, range of long

    @ParameterizedTest
    @CsvSource({
            "57, 57",
            "-957, -957",
            "+62, 62",
            "0, 0",
            "00, 0",
            "017, 15",
            "0_17, 15",
            "0x1F, 31",
            "0X1f, 31",
            "0b101, 5",
            "0B1_0_1, 5",
            "1_000_000, 1000000",
            "57L, 57",
            "57l, 57",
            "2147483648, 2147483648",
            "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808",
            "-9_223_372_036_854_775_808L, -9223372036854775808",
            "0x7fffffffffffffff, 9223372036854775807",
            "0xFFFFFFFFFFFFFFFFL, -1",
            "01777777777777777777777, -1",
            "0xFFFFFFFF, 4294967295",
    })
    void readsAnExactLiteralAsTheJavaLongLiteral(String literal, long value) {
        assertEquals("(x = " + value + ")", canonical("x = " + literal));
        assertEval(Truth.TRUE, "x = " + literal, "x", value);
        assertEval(Truth.FALSE, "x = " + literal, "x", value + 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x = 9223372036854775808   | 4 | out of the range of a Java long",
            "x = +9223372036854775808  | 5 | out of the range of a Java long",
            "x = -(9223372036854775808)| 6 | out of the range of a Java long",
            "x = 0x10000000000000000   | 4 | out of the range of a Java long",
            "x = 08                    | 4 | octal",
            "x = 0_8                   | 4 | octal",
            "x = 1_                    | 4 | underscores may only stand between digits",
            "x = 1__                   | 4 | underscores may only stand between digits",
            "x = 0x_1                  | 4 | underscores may only stand between digits",
            "x = 0x                    | 4 | no hexadecimal digits",
            "x = 0b                    | 4 | no digits",
            "x = 0b12                  | 4 | runs into the character '2'",
            "x = 12abc                 | 4 | runs into the character 'a'",
            "x = 5LL                   | 4 | runs into the character 'L'",
    })
    void refusesAnExactLiteralJavaWouldRefuse(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    // Approximate numeric literals: the Java floating-point literal syntax, range of double

    @ParameterizedTest
    @CsvSource({
            "7E3, 7000",
            "-57.9E2, -5790",
            "7., 7",
            "-95.7, -95.7",
            "+6.2, 6.2",
            ".5, 0.5",
            "1e-3, 0.001",
            "1E+3, 1000",
            "7d, 7",
            "7D, 7",
            "1.5e2d, 150",
            "7.e1, 70",
            "08.5, 8.5",
            "1_0.5_0, 10.5",
            "0x1.8p1, 3",
            "0x1p-2, 0.25",
            "0X.8P0d, 0.5",
            "4.9E-324, 4.9E-324",
            "0.0, 0",
            "0e5, 0",
    })
    void readsAnApproximateLiteralAsTheJavaDoubleLiteral(String literal, double value) {
        assertEval(Truth.TRUE, "x = " + literal, "x", value);
        assertEval(Truth.FALSE, "x = " + literal, "x", value + 1);
    }

    @Test
    void readsAnApproximateLiteralWithAnFSuffixAsAJavaFloat() {
        assertEquals("(x = 1.1F)", canonical("x = 1.1F"));
        assertEval(Truth.TRUE, "x = 1.1f", "x", 1.1f);
        assertEval(Truth.FALSE, "x = 1.1f", "x", 1.1); // as in Java: 1.1f != 1.1
        assertEval(Truth.TRUE, "x = 5f", "x", 5L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x = 1e400         | 4 | too large for a Java double",
            "x = 1e-400        | 4 | too small for a Java double",
            "x = 3.5e38f       | 4 | too large for a Java float",
            "x = 1e-50f        | 4 | too small for a Java float",
            "x = 1e            | 4 | exponent has no digits",
            "x = 1e+           | 4 | exponent has no digits",
            "x = 1.5L          | 4 | an L suffix is only for integers",
            "x = 0x1.8         | 4 | needs a p exponent",
            "x = 0x1p3L        | 4 | an L suffix is only for integers",
            "x = 1._5          | 4 | underscores may only stand between digits",
            "x = 1.5x          | 4 | runs into the character 'x'",
            "x = .             | 4 | unexpected character '.'",
    })
    void refusesAnApproximateLiteralJavaWouldRefuse(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    @Test
    void readsTwoNumbersSeparatedByAPointAsTwoTokens() {
        assertRefused("x = 1.5.3", 7, "expected the end of the selector but found number .3");
    }

    // Boolean literals

    @ParameterizedTest
    @CsvSource({"TRUE, true", "true, true", "True, true", "tRuE, true", "FALSE, false", "false, false",
            "False, false", "fAlSe, false"})
    void readsTheBooleanLiteralsInAnyCase(String literal, boolean value) {
        assertEval(Truth.of(value), literal);
        assertEval(Truth.TRUE, "b = " + literal, "b", value);
        assertEval(Truth.FALSE, "b = " + literal, "b", !value);
    }

    // NULL is not a literal

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a = NULL      | 4",
            "NULL = a      | 0",
            "a = null + 1  | 4",
            "a IN (NULL)   | 6",
    })
    void refusesNullAsAValue(String selector, int index) {
        assertRefused(selector, index, "");
    }
}
