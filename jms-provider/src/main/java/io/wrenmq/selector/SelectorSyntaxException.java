package io.wrenmq.selector;

/**
 * A selector that is not valid: its syntax, a static type error (such as a number compared with a string literal),
 * or a limit. {@link #index()} is the 0-based position in the selector where the problem starts, and the message
 * shows it under an excerpt of the selector, like {@link java.util.regex.PatternSyntaxException}.
 *
 * <p>The client turns it into {@link jakarta.jms.InvalidSelectorException} ({@link Selector#validate}).
 */
public final class SelectorSyntaxException extends IllegalArgumentException {
    private static final int EXCERPT_RADIUS = 40;

    private final String selector;
    private final int index;
    private final String reason;

    SelectorSyntaxException(String reason, String selector, int index) {
        super(reason + " at index " + index + excerpt(selector, index));
        this.selector = selector;
        this.index = index;
        this.reason = reason;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The 0-based index of the character where the problem starts; the selector's length if it ended early. */
    public int index() {
        return index;
    }

    /** The selector that was refused. */
    public String selector() {
        return selector;
    }

    /** The selector around {@code index} on one line, and a caret under {@code index}. */
    private static String excerpt(String selector, int index) {
        int from = Math.max(0, index - EXCERPT_RADIUS);
        int to = Math.min(selector.length(), index + EXCERPT_RADIUS);
        StringBuilder line = new StringBuilder("\n");
        if (from > 0) {
            line.append("...");
        }
        int caret = line.length() - 1 + index - from;
        for (int i = from; i < to; i++) {
            char c = selector.charAt(i);
            line.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (to < selector.length()) {
            line.append("...");
        }
        return line.append('\n').append(" ".repeat(caret)).append('^').toString();
    }
}
