package io.wrenmq.selector;

/**
 * A LIKE pattern compiled once, when the selector is parsed: {@code _} stands for any one character, {@code %} for
 * any sequence of characters including none, every other character for itself, and the escape character, if any,
 * makes the {@code _}, {@code %} or escape character after it stand for itself (3.8.1.1). Characters are Unicode
 * code points, so {@code _} matches a supplementary character whole.
 *
 * <p>Matching is a scan with one backtracking point (the last {@code %} seen): time O(pattern &times; value) at worst,
 * never exponential, whatever the pattern; a regular expression could backtrack without bound on
 * {@code '%a%a%a%a%b'}. Immutable and thread-safe.
 */
final class LikePattern {
    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    private final String source;
    private final int escape;
    /** Code points to match, with {@link #ANY_ONE} and {@link #ANY_SEQUENCE}; runs of % collapsed into one. */
    private final int[] elements;

    private LikePattern(String source, int escape, int[] elements) {
        this.source = source;
        this.escape = escape;
        this.elements = elements;
    }

    /**
     * Compiles {@code pattern}, whose escape character is the code point {@code escape}, or -1 for none.
     *
     * @throws IllegalArgumentException saying why, if the escape character is followed by anything but
     *                                  {@code _}, {@code %} or itself, or ends the pattern (SQL-92 8.5: "invalid
     *                                  escape sequence")
     */
    static LikePattern compile(String pattern, int escape) {
        int[] elements = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == escape) {
                if (i == pattern.length()) {
                    throw new IllegalArgumentException("the escape character ends the pattern");
                }
                int next = pattern.codePointAt(i);
                if (next != '_' && next != '%' && next != escape) {
                    throw new IllegalArgumentException("the escape character is followed by '"
                            + Character.toString(next) + "', not by _, % or itself");
                }
                i += Character.charCount(next);
                elements[n++] = next;
            } else if (cp == '%') {
                if (n == 0 || elements[n - 1] != ANY_SEQUENCE) {
                    elements[n++] = ANY_SEQUENCE;
                }
            } else {
                elements[n++] = cp == '_' ? ANY_ONE : cp;
            }
        }
        return new LikePattern(pattern, escape, java.util.Arrays.copyOf(elements, n));
    }

    boolean matches(String value) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            if (p < elements.length && (elements[p] == cp || elements[p] == ANY_ONE)) {
                p++;
                i += Character.charCount(cp);
            } else if (p < elements.length && elements[p] == ANY_SEQUENCE) {
                if (p == elements.length - 1) {
                    return true; // a trailing % takes the rest
                }
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                // What followed the last % did not match here: let the % take one more character and retry.
                p = starP + 1;
                starI += Character.charCount(value.codePointAt(starI));
                i = starI;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }

    @Override
    public String toString() {
        String quoted = new Operand.Literal(source).toString();
        return escape < 0 ? quoted : quoted + " ESCAPE " + new Operand.Literal(Character.toString(escape));
    }
}
