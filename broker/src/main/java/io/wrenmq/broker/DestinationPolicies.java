package io.wrenmq.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's {@link DeliveryPolicy} for each destination: a broker-wide default, overridden setting by setting
 * by rules whose pattern matches the destination's name. Patterns are those of Artemis's address settings: words
 * separated by {@code .}, where {@code *} matches one word and {@code #} any number of words (none included). Where
 * several patterns match, the more specific one wins a setting: a pattern without wildcards over any other, then
 * the one with more literal words, then one without {@code #}. Immutable.
 */
public final class DestinationPolicies {
    private static final Comparator<Rule> LEAST_SPECIFIC_FIRST = Comparator
            .comparing((Rule r) -> r.exact())
            .thenComparingInt(Rule::literalWords)
            .thenComparing(r -> !r.pattern().contains("#"));

    private final DeliveryPolicy defaults;
    private final List<Rule> rules;

    /** The settings a pattern overrides, in the order they were given. */
    private record Rule(String pattern, Map<String, String> settings) {
        boolean exact() {
            return !pattern.contains("*") && !pattern.contains("#");
        }

        int literalWords() {
            int n = 0;
            for (String w : pattern.split("\\.", -1)) {
                if (!w.equals("*") && !w.equals("#")) {
                    n++;
                }
            }
            return n;
        }
    }

    private DestinationPolicies(DeliveryPolicy defaults, List<Rule> rules) {
        this.defaults = defaults;
        this.rules = rules;
    }

    /** The default policy for every destination. */
    public static DestinationPolicies of(DeliveryPolicy defaults) {
        return new DestinationPolicies(defaults, List.of());
    }

    public DeliveryPolicy defaults() {
        return defaults;
    }

    /** These policies with a new default. */
    DestinationPolicies withDefaults(DeliveryPolicy newDefaults) {
        return new DestinationPolicies(newDefaults, rules);
    }

    /**
     * These policies with one more override: {@code setting} is {@code value} for destinations matching
     * {@code pattern}.
     *
     * @throws IllegalArgumentException for an empty pattern, an unknown setting or a value that does not parse
     */
    public DestinationPolicies with(String pattern, String setting, String value) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a destination pattern must not be empty");
        }
        DeliveryPolicy.DEFAULT.with(setting, value);
        List<Rule> copy = new ArrayList<>(rules.size() + 1);
        Rule existing = null;
        for (Rule r : rules) {
            if (r.pattern().equals(pattern)) {
                existing = r;
            } else {
                copy.add(r);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(existing == null ? Map.of() : existing.settings());
        settings.put(setting, value);
        copy.add(new Rule(pattern, Map.copyOf(settings)));
        copy.sort(LEAST_SPECIFIC_FIRST);
        return new DestinationPolicies(defaults, List.copyOf(copy));
    }

    /** The policy of the queue or topic named {@code destination}. */
    public DeliveryPolicy forDestination(String destination) {
        DeliveryPolicy p = defaults;
        String[] words = destination.split("\\.", -1);
        for (Rule r : rules) {
            if (matches(r.pattern().split("\\.", -1), 0, words, 0)) {
                for (Map.Entry<String, String> s : r.settings().entrySet()) {
                    p = p.with(s.getKey(), s.getValue());
                }
            }
        }
        return p;
    }

    private static boolean matches(String[] pattern, int pi, String[] words, int wi) {
        if (pi == pattern.length) {
            return wi == words.length;
        }
        String p = pattern[pi];
        if (p.equals("#")) {
            for (int skip = wi; skip <= words.length; skip++) {
                if (matches(pattern, pi + 1, words, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (wi == words.length) {
            return false;
        }
        return (p.equals("*") || p.equals(words[wi])) && matches(pattern, pi + 1, words, wi + 1);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(defaults.toString());
        for (Rule r : rules) {
            b.append(", ").append(r.pattern()).append(' ').append(r.settings());
        }
        return b.toString();
    }
}
