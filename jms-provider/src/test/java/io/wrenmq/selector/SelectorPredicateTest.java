package io.wrenmq.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.wrenmq.selector.Selectors.assertEval;
import static io.wrenmq.selector.Selectors.assertRefused;
import static io.wrenmq.selector.Selectors.canonical;
import static io.wrenmq.selector.Selectors.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** 3.8.1.1: [NOT] BETWEEN, [NOT] IN, [NOT] LIKE with ESCAPE, IS [NOT] NULL. */
class SelectorPredicateTest {

    // BETWEEN

    @ParameterizedTest
    @CsvSource(nullValues = "absent", value = {
            "14, FALSE, TRUE",
            "15, TRUE, FALSE",
            "17, TRUE, FALSE",
            "19, TRUE, FALSE",
            "20, FALSE, TRUE",
            "absent, UNKNOWN, UNKNOWN",
    })
    void selectsAgeBetween15And19AsTheSpecificationSays(Integer age, Truth between, Truth notBetween) {
        assertEval(between, "age BETWEEN 15 AND 19", "age", age);
        assertEval(notBetween, "age NOT BETWEEN 15 AND 19", "age", age);
        assertEval(between, "age >= 15 AND age <= 19", "age", age);
        assertEval(notBetween, "age < 15 OR age > 19", "age", age);
    }

    @Test
    void comparesBetweenWithNumericPromotion() {
        assertEval(Truth.TRUE, "x BETWEEN 15 AND 19", "x", 15.5);
        assertEval(Truth.FALSE, "x BETWEEN 15 AND 19", "x", 19.000001f);
        assertEval(Truth.TRUE, "x BETWEEN 1.5 AND 2.5", "x", (byte) 2);
        assertEval(Truth.TRUE, "x BETWEEN y - 1 AND y + 1", "x", 10, "y", 11L);
        assertEval(Truth.TRUE, "x * 2 BETWEEN -1 AND 1", "x", 0);
    }

    @Test
    void evaluatesBetweenWithANullBoundAsItsEquivalence() {
        // age >= lo AND age <= 19 with lo NULL: UNKNOWN AND FALSE is FALSE, UNKNOWN AND TRUE is UNKNOWN.
        assertEval(Truth.FALSE, "age BETWEEN lo AND 19", "age", 25);
        assertEval(Truth.UNKNOWN, "age BETWEEN lo AND 19", "age", 10);
        // age < lo OR age > 19: UNKNOWN OR TRUE is TRUE.
        assertEval(Truth.TRUE, "age NOT BETWEEN lo AND 19", "age", 25);
        assertEval(Truth.UNKNOWN, "age NOT BETWEEN lo AND 19", "age", 10);
    }

    @Test
    void findsBetweenAndNotBetweenOfAStringFalse() {
        // Both equivalences compare unlike types, which is FALSE.
        assertEval(Truth.FALSE, "age BETWEEN 15 AND 19", "age", "17");
        assertEval(Truth.FALSE, "age NOT BETWEEN 15 AND 19", "age", "17");
    }

    @Test
    void bindsTheAndOfBetweenBeforeALogicalAnd() {
        assertEquals("((a >= 1) AND (a <= 2) AND (b = 3))", canonical("a BETWEEN 1 AND 2 AND b = 3"));
        assertEval(Truth.TRUE, "a BETWEEN 1 AND 2 AND b = 3", "a", 2, "b", 3);
        assertEval(Truth.FALSE, "a BETWEEN 1 AND 2 AND b = 3", "a", 2, "b", 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a BETWEEN 'a' AND 'z'      | 10 | BETWEEN needs numbers but found the string literal 'a'",
            "a BETWEEN 1 AND TRUE       | 16 | BETWEEN needs numbers but found the boolean TRUE",
            "'m' BETWEEN 1 AND 2        | 0  | BETWEEN needs numbers but found the string literal 'm'",
            "JMSType BETWEEN 1 AND 2    | 0  | BETWEEN needs numbers but found JMSType (a string)",
            "a BETWEEN 1 OR 2           | 12 | expected AND between the bounds of BETWEEN but found OR",
            "a BETWEEN 1                | 11 | expected AND between the bounds of BETWEEN but found the end",
            "a NOT 1                    | 6  | expected BETWEEN, IN or LIKE after NOT but found number 1",
    })
    void refusesAMalformedBetween(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    // IN

    @ParameterizedTest
    @CsvSource(nullValues = "absent", value = {
            "UK, TRUE, FALSE",
            "US, TRUE, FALSE",
            "France, TRUE, FALSE",
            "Peru, FALSE, TRUE",
            "uk, FALSE, TRUE",
            "absent, UNKNOWN, UNKNOWN",
    })
    void selectsCountryInAsTheSpecificationSays(String country, Truth in, Truth notIn) {
        assertEval(in, "Country IN ('UK', 'US', 'France')", "Country", country);
        assertEval(notIn, "Country NOT IN ('UK', 'US', 'France')", "Country", country);
        assertEval(in, "(Country = 'UK') OR (Country = 'US') OR (Country = 'France')", "Country", country);
        assertEval(notIn, "NOT ((Country = 'UK') OR (Country = 'US') OR (Country = 'France'))", "Country", country);
    }

    @Test
    void findsInOfANumberFalseAndNotInTrueAsTheirEquivalences() {
        assertEval(Truth.FALSE, "c IN ('5')", "c", 5);
        assertEval(Truth.TRUE, "c NOT IN ('5')", "c", 5);
        assertEval(Truth.TRUE, "NOT (c = '5')", "c", 5);
    }

    @Test
    void readsTheListOfInAsStringLiterals() {
        assertEval(Truth.TRUE, "c IN ('x')", "c", "x");
        assertEval(Truth.TRUE, "c IN ('it''s', 'a,b', '')", "c", "it's");
        assertEval(Truth.TRUE, "c IN ('it''s', 'a,b', '')", "c", "a,b");
        assertEval(Truth.TRUE, "c IN ('it''s', 'a,b', '')", "c", "");
        assertEval(Truth.TRUE, "c IN ('x', 'x')", "c", "x");
        assertEquals("(c NOT IN ('b', 'a', 'b'))", canonical("c not in ('b','a' , 'b')"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "c IN ()              | 6  | expected a string literal in the list of IN but found ')'",
            "c IN (1, 2)          | 6  | expected a string literal in the list of IN but found number 1",
            "c IN ('a', b)        | 11 | expected a string literal in the list of IN but found identifier b",
            "c IN ('a' 'b')       | 10 | expected ',' or ')' in the list of IN but found string literal 'b'",
            "c IN ('a',)          | 10 | expected a string literal in the list of IN but found ')'",
            "c IN 'a'             | 5  | expected '(' after IN but found string literal 'a'",
            "c IN ('a'            | 9  | expected ',' or ')' in the list of IN but found the end",
            "'UK' IN ('UK')       | 0  | IN applies to an identifier but found the string literal 'UK'",
            "c + 1 IN ('UK')      | 0  | IN applies to an identifier but found an arithmetic expression",
            "JMSPriority IN ('1') | 0  | IN needs a string but found JMSPriority (a number)",
    })
    void refusesAMalformedIn(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    // LIKE

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "absent", value = {
            "phone LIKE '12%3'                  | 123     | TRUE",
            "phone LIKE '12%3'                  | 12993   | TRUE",
            "phone LIKE '12%3'                  | 1234    | FALSE",
            "word LIKE 'l_se'                   | lose    | TRUE",
            "word LIKE 'l_se'                   | loose   | FALSE",
            "underscored LIKE '\\_%' ESCAPE '\\' | _foo    | TRUE",
            "underscored LIKE '\\_%' ESCAPE '\\' | bar     | FALSE",
            "phone NOT LIKE '12%3'              | 123     | FALSE",
            "phone NOT LIKE '12%3'              | 12993   | FALSE",
            "phone NOT LIKE '12%3'              | 1234    | TRUE",
            "phone LIKE '12%3'                  | absent  | UNKNOWN",
            "phone NOT LIKE '12%3'              | absent  | UNKNOWN",
    })
    void matchesTheExamplesOfTheSpecification(String selector, String value, Truth expected) {
        String name = selector.substring(0, selector.indexOf(' '));
        assertEval(expected, selector, name, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "%          | ''            | TRUE",
            "%          | anything      | TRUE",
            "_          | ''            | FALSE",
            "_          | a             | TRUE",
            "_          | ab            | FALSE",
            "''         | ''            | TRUE",
            "''         | a             | FALSE",
            "a%         | a             | TRUE",
            "a%         | ba            | FALSE",
            "%a         | ba            | TRUE",
            "%a         | ab            | FALSE",
            "%a%        | xxaxx         | TRUE",
            "%a%        | xxbxx         | FALSE",
            "a%b%c      | abc           | TRUE",
            "a%b%c      | a123b456c     | TRUE",
            "a%b%c      | acb           | FALSE",
            "%%%        | ''            | TRUE",
            "a__        | abc           | TRUE",
            "a__        | ab            | FALSE",
            "%ab        | aab           | TRUE",
            "%aab       | aaab          | TRUE",
            "a%a        | a             | FALSE",
            "%b%b       | abbab         | TRUE",
            "Abc        | abc           | FALSE",
    })
    void matchesUnderscoreAndPercent(String pattern, String value, Truth expected) {
        String p = pattern.equals("''") ? "" : pattern;
        String v = value.equals("''") ? "" : value;
        assertEval(expected, "s LIKE '" + p + "'", "s", v);
        assertEval(expected.not(), "s NOT LIKE '" + p + "'", "s", v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a.c       | a.c     | TRUE",
            "a.c       | abc     | FALSE",
            "[a]*      | [a]*    | TRUE",
            "[a]*      | aaa     | FALSE",
            "^a$       | ^a$     | TRUE",
            "^a$       | a       | FALSE",
            "\\d+      | \\d+    | TRUE",
            "\\d+      | 12      | FALSE",
            "\"(x|y)?\" | \"(x|y)?\" | TRUE",
            "\"(x|y)?\" | x          | FALSE",
            "\\Q%\\E   | \\Qz\\E | TRUE",
            "{2}       | {2}     | TRUE",
            "$1        | $1      | TRUE",
    })
    void matchesRegexMetacharactersAsThemselves(String pattern, String value, Truth expected) {
        assertEval(expected, "s LIKE '" + pattern + "'", "s", value);
    }

    @Test
    void matchesPercentAcrossLineTerminatorsAndUnderscoreOverAWholeCodePoint() {
        assertEval(Truth.TRUE, "s LIKE 'a%b'", "s", "a\nx\r\nb");
        assertEval(Truth.TRUE, "s LIKE 'a_b'", "s", "a\nb");
        assertEval(Truth.TRUE, "s LIKE '_'", "s", "😀");
        assertEval(Truth.FALSE, "s LIKE '__'", "s", "😀");
        assertEval(Truth.TRUE, "s LIKE '%😀_'", "s", "x😀😀");
        // U+1F600 is the pair D83D DE00: % takes whole code points, so a lone DE00 never matches half of it.
        assertEval(Truth.FALSE, "s LIKE '%\uDE00'", "s", "😀");
        assertEval(Truth.FALSE, "s LIKE '%\uDE00%'", "s", "a😀b");
        assertEval(Truth.TRUE, "s LIKE '%\uDE00'", "s", "😀\uDE00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "100!%      | !  | 100%     | TRUE",
            "100!%      | !  | 1000     | FALSE",
            "a!_b       | !  | a_b      | TRUE",
            "a!_b       | !  | axb      | FALSE",
            "a!!b       | !  | a!b      | TRUE",
            "a!!%       | !  | a!xyz    | TRUE",
            "%!%%       | !  | 50%      | TRUE",
            "%!%%       | !  | 50       | FALSE",
            "a%%b       | %  | a%b      | TRUE",
            "a%%b       | %  | axb      | FALSE",
            "x_%        | x  | _        | TRUE",
            "x_%        | x  | a        | FALSE",
            "😀_        | 😀 | _        | TRUE",
            "a\\%       | \\ | a%       | TRUE",
            "a\\%       | \\ | ab       | FALSE",
    })
    void matchesAnEscapedWildcardAsItself(String pattern, String escape, String value, Truth expected) {
        assertEval(expected, "s LIKE '" + pattern + "' ESCAPE '" + escape + "'", "s", value);
    }

    @Test
    void treatsABackslashWithoutEscapeAsAnOrdinaryCharacter() {
        assertEval(Truth.TRUE, "s LIKE 'a\\%'", "s", "a\\xyz");
        assertEval(Truth.FALSE, "s LIKE 'a\\%'", "s", "a%");
    }

    @Test
    void findsLikeOfANumberFalseAndNotLikeTrue() {
        assertEval(Truth.FALSE, "s LIKE '5'", "s", 5);
        assertEval(Truth.TRUE, "s NOT LIKE '5'", "s", 5);
    }

    @Test
    void matchesAHostilePatternInLinearTime() {
        String value = "a".repeat(20_000);
        String pattern = "%a".repeat(500) + "%b";
        Selector s = Selector.parse("s LIKE '" + pattern + "'");
        MapContext m = MapContext.of("s", value);
        assertEquals(Truth.FALSE, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> s.evaluate(m)));
        assertEquals(Truth.TRUE, Selector.parse("s LIKE '" + "%a".repeat(500) + "%'").evaluate(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s LIKE 'a!' ESCAPE '!'      | 7  | invalid LIKE pattern string literal 'a!': the escape character ends the pattern",
            "s LIKE '!a' ESCAPE '!'      | 7  | the escape character is followed by 'a', not by _, % or itself",
            "s LIKE 'a' ESCAPE ''        | 18 | the escape character must be a single character, but string literal '' has 0",
            "s LIKE 'a' ESCAPE '!!'      | 18 | has 2 characters",
            "s LIKE 'a' ESCAPE 1         | 18 | expected a string literal after ESCAPE but found number 1",
            "s LIKE 5                    | 7  | expected a string literal pattern after LIKE but found number 5",
            "s LIKE t                    | 7  | expected a string literal pattern after LIKE but found identifier t",
            "'abc' LIKE 'a%'             | 0  | LIKE applies to an identifier but found the string literal 'abc'",
            "JMSPriority LIKE '1'        | 0  | LIKE needs a string but found JMSPriority (a number)",
            "s LIKE 'a' ESCAPE '!' 'b'   | 22 | expected the end of the selector",
    })
    void refusesAMalformedLike(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    @Test
    void acceptsASupplementaryEscapeCharacter() {
        assertEquals("(s LIKE '😀%' ESCAPE '😀')", canonical("s LIKE '😀%' ESCAPE '😀'"));
    }

    // IS NULL

    @Test
    void testsForAnAbsentProperty() {
        assertEval(Truth.TRUE, "p IS NULL");
        assertEval(Truth.FALSE, "p IS NULL", "p", "");
        assertEval(Truth.FALSE, "p IS NULL", "p", false);
        assertEval(Truth.FALSE, "p IS NOT NULL");
        assertEval(Truth.TRUE, "p IS NOT NULL", "p", 0);
        assertEval(Truth.TRUE, "p is not null", "p", 0);
    }

    @Test
    void neverMakesIsNullUnknown() {
        for (Object v : new Object[] {null, 1, "x", true, 'c'}) {
            Truth isNull = eval("p IS NULL", "p", v);
            assertEquals(isNull.not(), eval("p IS NOT NULL", "p", v));
            assertEquals(v == null ? Truth.TRUE : Truth.FALSE, isNull);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "5 IS NULL        | 0 | IS NULL applies to an identifier but found the number 5",
            "(a = 1) IS NULL  | 0 | IS NULL applies to an identifier but found a condition",
            "a + 1 IS NULL    | 0 | IS NULL applies to an identifier but found an arithmetic expression",
            "a IS 5           | 5 | expected NULL or NOT NULL after IS but found number 5",
            "a IS NOT 5       | 9 | expected NULL after IS NOT but found number 5",
            "a IS             | 4 | expected NULL or NOT NULL after IS but found the end",
            "a IS NULL NULL   | 10 | expected the end of the selector but found NULL",
    })
    void refusesAMalformedIsNull(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }
}
