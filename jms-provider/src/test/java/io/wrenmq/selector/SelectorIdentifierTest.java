package io.wrenmq.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wrenmq.selector.Selectors.assertEval;
import static io.wrenmq.selector.Selectors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 3.8.1.1, "Identifiers" and "Whitespace"; 3.8.1.3 on JMSDeliveryMode. */
class SelectorIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "_a", "$a", "a1", "a_b$c", "été", "变量", "\uD835\uDC65", "ANDROID", "order", "Nullable",
            "isActive", "INx", "TRUE1", "notes", "JMSX", "JMSXGroupID", "JMS_wren_route", "jmsPriority", "JMs"})
    void readsAJavaIdentifierAsAProperty(String name) {
        assertEval(Truth.TRUE, name + " = 7", name, 7);
        assertEval(Truth.UNKNOWN, name + " = 7");
    }

    @Test
    void endsAnIdentifierAtTheFirstCharacterThatIsNoJavaIdentifierPart() {
        assertEval(Truth.TRUE, "a=7", "a", 7);
        assertEval(Truth.TRUE, "(a)=(7)", "a", 7);
        assertEval(Truth.TRUE, "a-1=6", "a", 7);
    }

    @Test
    void refusesAnIdentifierThatDoesNotStartWithAJavaIdentifierStart() {
        assertRefused("#a = 1", 0, "unexpected character '#'");
        assertRefused("a = 1 AND @b", 10, "unexpected character '@'");
        assertRefused("1a = 1", 0, "malformed number 1a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
            "null", "True", "false", "not", "and", "Or", "between", "like", "in", "is", "escape"})
    void refusesAReservedWordAsAnIdentifier(String word) {
        assertThrows(word + " IS NULL");
        assertThrows("x IN ('a') AND " + word + " LIKE 'a'");
    }

    private static void assertThrows(String selector) {
        org.junit.jupiter.api.Assertions.assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector),
                selector);
    }

    @Test
    void matchesKeywordsOnlyInAsciiCase() {
        // U+0130 (capital I with dot) lower-cases to i, but "İN" is an identifier, not the keyword IN.
        assertEval(Truth.TRUE, "\u0130N = 1", "\u0130N", 1);
    }

    @Test
    void treatsIdentifiersAsCaseSensitive() {
        assertEval(Truth.TRUE, "color = 'red'", "color", "red");
        assertEval(Truth.UNKNOWN, "Color = 'red'", "color", "red");
        assertEval(Truth.FALSE, "color = 'RED'", "color", "red");
    }

    @Test
    void readsAnAbsentPropertyAsNull() {
        assertEval(Truth.UNKNOWN, "absent = 1");
        assertEval(Truth.TRUE, "absent IS NULL");
    }

    @Test
    void comparesAPropertyOfNoSelectorTypeAsUnlikeEverything() {
        assertEval(Truth.FALSE, "c = 'x'", "c", 'x');
        assertEval(Truth.FALSE, "c = 120", "c", 'x');
        assertEval(Truth.FALSE, "c IS NULL", "c", 'x');
        assertEval(Truth.FALSE, "b <> 'x'", "b", new byte[] {1});
    }

    // Header fields

    @Test
    void readsEachHeaderFieldFromTheContext() {
        MapContext m = new MapContext()
                .header(HeaderField.DELIVERY_MODE, "PERSISTENT")
                .header(HeaderField.PRIORITY, 7)
                .header(HeaderField.MESSAGE_ID, "ID:1")
                .header(HeaderField.TIMESTAMP, 1_700_000_000_000L)
                .header(HeaderField.CORRELATION_ID, "corr")
                .header(HeaderField.TYPE, "car");
        for (String selector : new String[] {"JMSDeliveryMode = 'PERSISTENT'", "JMSPriority > 4",
                "JMSPriority BETWEEN 5 AND 9", "JMSMessageID = 'ID:1'", "JMSTimestamp >= 1700000000000",
                "JMSCorrelationID LIKE 'co%'", "JMSType IN ('car', 'bus')"}) {
            assertEquals(Truth.TRUE, Selector.parse(selector).evaluate(m), selector);
        }
        assertEquals(Truth.FALSE, Selector.parse("JMSDeliveryMode = 'NON_PERSISTENT'").evaluate(m));
    }

    @ParameterizedTest
    @EnumSource(value = HeaderField.class, names = {"MESSAGE_ID", "CORRELATION_ID", "TYPE"})
    void readsAnUnsetHeaderFieldAsNull(HeaderField field) {
        MapContext empty = new MapContext();
        assertEquals(Truth.TRUE, Selector.parse(field.jmsName() + " IS NULL").evaluate(empty));
        assertEquals(Truth.UNKNOWN, Selector.parse(field.jmsName() + " = 'x'").evaluate(empty));
    }

    @Test
    void readsAHeaderFieldNotAPropertyOfTheSameName() {
        MapContext m = MapContext.of("JMSType", "property").header(HeaderField.TYPE, "header");
        assertEquals(Truth.TRUE, Selector.parse("JMSType = 'header'").evaluate(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "JMSPriority = 'high'        | 12 | cannot compare JMSPriority (a number) with the string literal 'high'",
            "JMSDeliveryMode = 2         | 16 | cannot compare JMSDeliveryMode (a string) with the number 2",
            "JMSType > 1                 | 8  | cannot compare JMSType (a string) with the number 1",
            "JMSTimestamp LIKE '1%'      | 0  | LIKE needs a string but found JMSTimestamp (a number)",
            "JMSMessageID + 1 = 2        | 0  | '+' needs numbers but found JMSMessageID (a string)",
            "JMSType                     | 0  | expected a condition but found JMSType (a string)",
    })
    void refusesAHeaderFieldUsedAgainstItsType(String selector, int index, String reason) {
        assertRefused(selector, index, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSExpiration", "JMSRedelivered", "JMSDestination", "JMSReplyTo", "JMSDeliveryTime",
            "JMS", "JMSx", "JMSFoo", "JMSpriority"})
    void refusesOtherNamesBeginningWithJms(String name) {
        assertRefused("a = 1 OR " + name + " = 1", 9, name + " cannot be used in a selector");
    }

    // Whitespace: space, horizontal tab, form feed and line terminators

    @Test
    void separatesTokensWithJavaWhitespace() {
        assertEval(Truth.TRUE, " \t\f\r\na\t=\f1\r\nAND\nb\r=\t2 ", "a", 1, "b", 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u2003", "\u000b", "\u001c"})
    void refusesOtherWhitespace(String space) {
        assertRefused("a =" + space + "1", 3, "unexpected character U+");
    }
}
