package io.wrenmq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * A parsed message selector (Jakarta Messaging 3.1, section 3.8.1). Immutable and thread-safe: one instance may be
 * evaluated by any number of threads at once.
 *
 * <p>{@link #matches} reads header fields and properties through a {@link SelectorContext} and allocates nothing,
 * except one small scratch object for each comparison that holds arithmetic. LIKE patterns are compiled and IN
 * lists hashed when the selector is parsed. Hostile input is bounded: a selector longer than {@link #MAX_LENGTH}
 * characters or nested deeper than {@link #MAX_DEPTH} levels is refused with a {@link SelectorSyntaxException}, so
 * neither parsing nor evaluation can overflow the stack.
 *
 * <p>Choices the specification made for us, and the sentences that made them (all from 3.8.1.1 and 3.8.1.2):
 * <ul>
 *   <li>"If the comparison of non-like type values is attempted, the value of the operation is false": a property
 *       holding the string "2" compared with {@code > 1} is FALSE, not UNKNOWN (so {@code NOT (p > 1)} is TRUE).
 *       The same holds for a string ordered with {@code <}, and for arithmetic on a value that is not a number
 *       ("a string cannot be used in an arithmetic expression") once it is compared.</li>
 *   <li>"If either of the type values evaluates to NULL, the value of the expression is unknown", and NULL takes
 *       precedence over a type mismatch.</li>
 *   <li>BETWEEN and NOT BETWEEN are built as the equivalences the specification gives ("age >= 15 AND age <= 19",
 *       "age < 15 OR age > 19"); IN as "(Country = 'UK') OR ..." and NOT IN as its NOT. For a value that is not a
 *       string, IN is therefore FALSE and NOT IN TRUE; NOT BETWEEN of a value that is not a number is FALSE.</li>
 *   <li>LIKE applies to an identifier "with a String value": another value makes LIKE FALSE, and NOT LIKE (SQL-92:
 *       {@code NOT (x LIKE p)}) TRUE.</li>
 *   <li>NULL is not among the literals the specification lists; it appears only in {@code IS [NOT] NULL}, so
 *       {@code a = NULL} is refused. IN, LIKE and IS NULL take an identifier on their left, as written.</li>
 *   <li>"Message header field references are restricted to" JMSDeliveryMode, JMSPriority, JMSMessageID,
 *       JMSTimestamp, JMSCorrelationID and JMSType; names beginning with JMSX or JMS_ are properties; any other
 *       name beginning with JMS (JMSExpiration, JMSRedelivered ...) is refused.</li>
 *   <li>Exact literals "use the Java integer literal syntax" with "numbers in the range of Java long": hexadecimal,
 *       octal, binary, underscores and an optional L; the value is that of the Java literal with an L suffix.
 *       Approximate literals use the Java floating-point syntax; an {@code F} suffix makes a Java float.</li>
 *   <li>"Arithmetic operations must use Java numeric promotion": byte, short and int properties compute as int
 *       (overflow wraps at 32 bits), float with an integer as float, and so on. Integer division by zero, which
 *       has no Java value, is NULL.</li>
 *   <li>A value used as a condition that is not a boolean (a property holding 5, used as {@code NOT p}) is UNKNOWN:
 *       the specification does not say, and it is no truth value.</li>
 * </ul>
 */
public final class Selector {
    /** The longest selector {@link #parse(String)} accepts, in characters. */
    public static final int MAX_LENGTH = 4096;
    /** The deepest nesting {@link #parse(String)} accepts: parentheses, NOT, signs and operators each add a level. */
    public static final int MAX_DEPTH = 100;
    /**
     * The deepest nesting {@link #parse(String, int, int)} may be asked to accept. Parsing takes up to about 1.5 KB
     * of stack per level (measured interpreted and compiled): {@link #MAX_DEPTH} fits a 256 KB thread stack, this
     * ceiling a 512 KB one.
     */
    public static final int MAX_DEPTH_CEILING = 200;
    /** The selector that selects every message: what a null, empty or blank selector means. */
    public static final Selector ALL = new Selector("", null);

    private final String text;
    private final Condition condition;

    private Selector(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Parses {@code selector} within the default limits. A null, empty or whitespace-only selector is
     * {@link #ALL}: "If the value of a message selector is an empty string, the value is treated as a null and
     * indicates that there is no message selector".
     *
     * @throws SelectorSyntaxException if it is not a valid selector
     */
    public static Selector parse(String selector) {
        return parse(selector, MAX_LENGTH, MAX_DEPTH);
    }

    /**
     * Parses {@code selector}, refusing one longer than {@code maxLength} characters or nested deeper than
     * {@code maxDepth} levels.
     *
     * @throws SelectorSyntaxException if it is not a valid selector
     */
    public static Selector parse(String selector, int maxLength, int maxDepth) {
        if (maxLength < 1 || maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("maxLength " + maxLength + " must be at least 1, and maxDepth "
                    + maxDepth + " from 1 to " + MAX_DEPTH_CEILING);
        }
        if (selector == null) {
            return ALL;
        }
        if (selector.length() > maxLength) {
            throw new SelectorSyntaxException("the selector is " + selector.length()
                    + " characters long, more than the limit of " + maxLength, selector, maxLength);
        }
        Condition c = new Parser(selector, maxDepth).parse();
        return c == null ? ALL : new Selector(selector, c);
    }

    /**
     * Parses {@code selector} as a client does when a consumer is created: 3.8.1.1 "A method providing a
     * syntactically incorrect selector must result in a Jakarta Messaging InvalidSelectorException."
     *
     * @throws InvalidSelectorException with the {@link SelectorSyntaxException}'s message, which is also its
     *                                  cause and linked exception
     */
    public static Selector validate(String selector) throws InvalidSelectorException {
        try {
            return parse(selector);
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException invalid = new InvalidSelectorException(e.getMessage());
            invalid.setLinkedException(e);
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** Whether the message seen through {@code message} is selected: the selector evaluates to TRUE. */
    public boolean matches(SelectorContext message) {
        return condition == null || condition.test(message) == Truth.TRUE;
    }

    Truth evaluate(SelectorContext message) {
        return condition == null ? Truth.TRUE : condition.test(message);
    }

    /** Whether this selector selects every message, so that a caller may skip evaluating it. */
    public boolean selectsAll() {
        return condition == null;
    }

    /** The selector as it was given ({@code ""} for {@link #ALL}). */
    public String text() {
        return text;
    }

    /** The parsed tree in selector syntax with every operation parenthesized; it parses back to the same tree. */
    String canonical() {
        return condition == null ? "" : condition.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
