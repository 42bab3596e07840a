package io.wrenmq.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's {@link DestinationPolicy} for each destination: a broker-wide default, overridden setting by setting
 * by rules whose {@link NamePattern} matches the destination's name. Where several patterns match, the more
 * specific one wins a setting (see {@link NamePattern#LEAST_SPECIFIC_FIRST}). Immutable.
 */
public final class DestinationPolicies {
    private static final Comparator<Rule> LEAST_SPECIFIC_FIRST = Comparator.comparing(Rule::pattern,
            NamePattern.LEAST_SPECIFIC_FIRST);

    private final DestinationPolicy defaults;
    private final List<Rule> rules;

    /** The settings a pattern overrides, in the order they were given. */
    private record Rule(NamePattern pattern, Map<String, String> settings) {
    }

    private DestinationPolicies(DestinationPolicy defaults, List<Rule> rules) {
        this.defaults = defaults;
        this.rules = rules;
    }

    /** The default policy for every destination. */
    public static DestinationPolicies of(DestinationPolicy defaults) {
        return new DestinationPolicies(defaults, List.of());
    }

    public DestinationPolicy defaults() {
        return defaults;
    }

    /** These policies with a new default. */
    DestinationPolicies withDefaults(DestinationPolicy newDefaults) {
        return new DestinationPolicies(newDefaults, rules);
    }

    /**
     * These policies with one more override: {@code setting} is {@code value} for destinations matching
     * {@code patternText}.
     *
     * @throws IllegalArgumentException for an empty pattern, an unknown setting or a value that does not parse
     */
    public DestinationPolicies with(String patternText, String setting, String value) {
        NamePattern pattern = NamePattern.of(patternText);
        DestinationPolicy.DEFAULT.with(setting, value);
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
    public DestinationPolicy forDestination(String destination) {
        DestinationPolicy p = defaults;
        for (Rule r : rules) {
            if (r.pattern().matches(destination)) {
                for (Map.Entry<String, String> s : r.settings().entrySet()) {
                    p = p.with(s.getKey(), s.getValue());
                }
            }
        }
        return p;
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
