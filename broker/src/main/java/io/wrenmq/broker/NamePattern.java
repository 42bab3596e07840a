package io.wrenmq.broker;

import java.util.Comparator;

/**
 * A destination name pattern as in Artemis's address settings: words separated by {@code .}, where {@code *}
 * matches one word and {@code #} any number of words (none included). Used wherever configuration applies to
 * destinations by name: delivery policies and permissions. Immutable.
 *
 * <p>Where several patterns match one name, the more specific one wins ({@link #LEAST_SPECIFIC_FIRST}): a pattern
 * without wildcards over any other, then the one with more literal words, then one without {@code #}.
 */
public final class NamePattern {
    /** Orders patterns so that, of those matching a name, the last is the one that wins. */
    public static final Comparator<NamePattern> LEAST_SPECIFIC_FIRST = Comparator
            .comparing(NamePattern::isExact)
            .thenComparingInt(NamePattern::literalWords)
            .thenComparing(p -> !p.text.contains("#"));

    private final String text;
    private final String[] words;

    private NamePattern(String text) {
        this.text = text;
        this.words = text.split("\\.", -1);
    }

    /** @throws IllegalArgumentException for an empty pattern */
    public static NamePattern of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a destination pattern must not be empty");
        }
        return new NamePattern(text);
    }

    /** Whether the pattern has no wildcard, and so matches one name only. */
    public boolean isExact() {
        return !text.contains("*") && !text.contains("#");
    }

    private int literalWords() {
        int n = 0;
        for (String w : words) {
            if (!w.equals("*") && !w.equals("#")) {
                n++;
            }
        }
        return n;
    }

    /** Whether the queue or topic named {@code name} matches. */
    public boolean matches(String name) {
        return matches(0, name.split("\\.", -1), 0);
    }

    private boolean matches(int pi, String[] names, int ni) {
        if (pi == words.length) {
            return ni == names.length;
        }
        String p = words[pi];
        if (p.equals("#")) {
            for (int skip = ni; skip <= names.length; skip++) {
                if (matches(pi + 1, names, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (ni == names.length) {
            return false;
        }
        return (p.equals("*") || p.equals(names[ni])) && matches(pi + 1, names, ni + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return text;
    }
}
