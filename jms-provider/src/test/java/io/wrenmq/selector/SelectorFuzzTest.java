package io.wrenmq.selector;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random input: whatever the string, parsing either succeeds or throws {@link SelectorSyntaxException} with an
 * index inside the selector, and a parsed selector evaluates against any message without throwing. Valid
 * selectors come from a generator of the grammar; their canonical form parses back to itself and evaluates alike.
 * Fixed seeds, so that a failure repeats; each failure names its input.
 */
class SelectorFuzzTest {
    private static final int ROUNDS = 4_000;
    private static final String[] NAMES = {"a", "b", "n", "s", "flag"};
    private static final String[] FRAGMENTS = {"a", "b", "s", "'x'", "'", "''", "'%_'", "1", "0", "1.5", "7E3", "0x1F",
            "0x", "017", "08", "1_0", "9223372036854775808", "e", "L", ".", "(", ")", ",", "=", "<>", "<", ">", "<=",
            ">=", "+", "-", "*", "/", " ", " ", " ", "AND", "OR", "NOT", "BETWEEN", "LIKE", "IN", "IS", "NULL",
            "ESCAPE", "TRUE", "FALSE", "JMSType", "JMSPriority", "JMSExpiration", "JMSXGroupID", "%", "_", "!", "\"",
            "\t", "\n", "\u00a0", "😀", "\uD800", "\u0000", "$", "#"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20260501})
    void parsesOrRefusesGarbage(long seed) {
        checkAll(new Random(seed), random -> {
            StringBuilder b = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                if (random.nextInt(10) == 0) {
                    b.append((char) random.nextInt(Character.MAX_VALUE + 1));
                } else {
                    b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "");
                }
            }
            return b.toString();
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20260501})
    void parsesGeneratedSelectorsAndTheirCanonicalFormAlike(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ROUNDS; i++) {
            String selector = condition(random, 4);
            Selector s;
            try {
                s = Selector.parse(selector);
            } catch (SelectorSyntaxException e) {
                throw new AssertionError("a generated selector was refused: " + selector, e);
            }
            Selector again = Selector.parse(s.canonical());
            assertEquals(s.canonical(), again.canonical(), selector);
            for (int m = 0; m < 4; m++) {
                MapContext message = message(random);
                assertEquals(s.evaluate(message), again.evaluate(message), selector);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20260501})
    void parsesOrRefusesMutatedSelectors(long seed) {
        checkAll(new Random(seed), random -> {
            StringBuilder b = new StringBuilder(condition(random, 3));
            for (int k = random.nextInt(3) + 1; k > 0; k--) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                    case 1 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(3)));
                    default -> b.insert(at, (char) (' ' + random.nextInt(95)));
                }
            }
            return b.toString();
        });
    }

    /** Checks {@link #ROUNDS} selectors from {@code source}, and that some of them were valid and some not. */
    private static void checkAll(Random random, Function<Random, String> source) {
        int parsed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            if (check(source.apply(random), random)) {
                parsed++;
            }
        }
        assertTrue(parsed > 0 && parsed < ROUNDS, "the input should be both parsed and refused: " + parsed + " parsed");
    }

    /** Parses {@code selector} and, if valid, evaluates it; returns whether it was valid. */
    private static boolean check(String selector, Random random) {
        Selector s;
        try {
            s = Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            if (e.index() < 0 || e.index() > selector.length() || !e.getMessage().contains(" at index " + e.index())) {
                fail("bad position " + e.index() + " for " + escape(selector) + ": " + e.getMessage());
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parsing " + escape(selector) + " threw " + e, e);
        }
        try {
            for (int m = 0; m < 3; m++) {
                s.evaluate(message(random));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("evaluating " + escape(selector) + " threw " + e, e);
        }
        return true;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c < ' ' || c > '~' ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('"').toString();
    }

    /** A message whose properties have random values of every type, or are absent. */
    private static MapContext message(Random random) {
        Object[] values = {null, null, 0, 1, -1, 2L, Long.MAX_VALUE, (byte) 3, (short) -4, 1.5f, 2.0, Double.NaN,
                "x", "", "a%b", "'", true, false, Integer.MIN_VALUE, 'c'};
        List<Object> namesAndValues = new ArrayList<>();
        for (String name : NAMES) {
            namesAndValues.add(name);
            namesAndValues.add(values[random.nextInt(values.length)]);
        }
        return MapContext.of(namesAndValues.toArray())
                .header(HeaderField.PRIORITY, random.nextInt(10))
                .header(HeaderField.TYPE, random.nextBoolean() ? "car" : null)
                .header(HeaderField.DELIVERY_MODE, random.nextBoolean() ? "PERSISTENT" : "NON_PERSISTENT");
    }

    // A generator of valid selectors, by the grammar

    private static String condition(Random r, int depth) {
        if (depth == 0) {
            return name(r);
        }
        int d = depth - 1;
        return switch (r.nextInt(14)) {
            case 0 -> condition(r, d) + " AND " + condition(r, d);
            case 1 -> condition(r, d) + " OR " + condition(r, d);
            case 2 -> "NOT " + condition(r, d);
            case 3 -> "(" + condition(r, d) + ")";
            case 4 -> numeric(r, d) + " " + pick(r, "=", "<>", "<", "<=", ">", ">=") + " " + numeric(r, d);
            case 5 -> name(r) + " " + pick(r, "=", "<>") + " " + pick(r, "'x'", "''", "'it''s'", "JMSType", name(r));
            case 6 -> numeric(r, d) + pick(r, " ", " NOT ") + "BETWEEN " + numeric(r, d) + " AND " + numeric(r, d);
            case 7 -> pick(r, name(r), "JMSType", "JMSDeliveryMode") + pick(r, " IN ", " NOT IN ")
                    + pick(r, "('x')", "('x', '', 'PERSISTENT')", "('car','a''b')");
            case 8 -> pick(r, name(r), "JMSCorrelationID") + pick(r, " LIKE ", " NOT LIKE ")
                    + pick(r, "'%'", "'_'", "'a%b'", "'x!_%' ESCAPE '!'", "'%!%%' ESCAPE '!'", "'[.*]'");
            case 9 -> pick(r, name(r), "JMSType", "JMSMessageID") + pick(r, " IS NULL", " IS NOT NULL");
            case 10 -> pick(r, "TRUE", "FALSE", "true", name(r));
            case 11 -> "(" + condition(r, d) + ") " + pick(r, "=", "<>") + " " + pick(r, "TRUE", "FALSE", name(r));
            case 12 -> name(r) + " " + pick(r, "=", "<>") + " " + pick(r, "TRUE", "FALSE");
            default -> condition(r, d) + pick(r, " and ", " Or ") + condition(r, d);
        };
    }

    private static String numeric(Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return pick(r, name(r), "JMSPriority", "JMSTimestamp", "0", "1", "-957", "+62", "7E3", "-57.9E2", "7.",
                    ".5", "1.5F", "0x1F", "017", "0b11", "9223372036854775807", "-9223372036854775808", "1_000L");
        }
        int d = depth - 1;
        return switch (r.nextInt(4)) {
            case 0 -> numeric(r, d) + " " + pick(r, "+", "-", "*", "/") + " " + numeric(r, d);
            case 1 -> "-" + numeric(r, d);
            case 2 -> "+" + numeric(r, d);
            default -> "(" + numeric(r, d) + ")";
        };
    }

    private static String name(Random r) {
        return NAMES[r.nextInt(NAMES.length)];
    }

    private static String pick(Random r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
