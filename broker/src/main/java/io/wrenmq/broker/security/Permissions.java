package io.wrenmq.broker.security;

import io.wrenmq.broker.NamePattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may do what to the queues and topics whose name matches a {@link NamePattern}, as Artemis's security
 * settings: of the patterns that match a destination, the most specific one alone decides
 * ({@link NamePattern#LEAST_SPECIFIC_FIRST}), and an operation it does not name is denied to everyone. A
 * destination no pattern matches is closed to everyone. Without any rule, everything is permitted. Immutable.
 */
public final class Permissions {
    /** No rules: everything permitted. */
    public static final Permissions NONE = new Permissions(List.of());

    private final List<Rule> rules;

    /** The roles a pattern permits each operation, in the order the patterns win, least specific first. */
    private record Rule(NamePattern pattern, Map<Operation, Set<String>> roles) {
    }

    private Permissions(List<Rule> rules) {
        this.rules = rules;
    }

    /** Whether there are no rules, and so no restriction. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** These permissions with {@code roles} permitted {@code operation} on destinations matching {@code pattern}. */
    public Permissions with(NamePattern pattern, Operation operation, Set<String> roles) {
        List<Rule> copy = new ArrayList<>(rules.size() + 1);
        Map<Operation, Set<String>> merged = new EnumMap<>(Operation.class);
        for (Rule r : rules) {
            if (r.pattern().equals(pattern)) {
                merged.putAll(r.roles());
            } else {
                copy.add(r);
            }
        }
        merged.put(operation, Set.copyOf(roles));
        copy.add(new Rule(pattern, merged));
        copy.sort(Comparator.comparing(Rule::pattern, NamePattern.LEAST_SPECIFIC_FIRST));
        return new Permissions(List.copyOf(copy));
    }

    /** Whether one of {@code roles} may do {@code operation} to the queue or topic named {@code destination}. */
    public boolean permits(Set<String> roles, Operation operation, String destination) {
        if (rules.isEmpty()) {
            return true;
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.pattern().matches(destination)) {
                Set<String> permitted = r.roles().getOrDefault(operation, Set.of());
                for (String role : roles) {
                    if (permitted.contains(role)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** Every role some rule names, to check them against the roles that exist. */
    Set<String> namedRoles() {
        Set<String> all = new HashSet<>();
        for (Rule r : rules) {
            r.roles().values().forEach(all::addAll);
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Rule r : rules) {
            b.append(b.length() == 0 ? "" : ", ").append(r.pattern()).append(' ').append(r.roles());
        }
        return b.toString();
    }
}
