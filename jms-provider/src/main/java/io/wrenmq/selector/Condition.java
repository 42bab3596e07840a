package io.wrenmq.selector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node of the expression tree that yields a {@link Truth}. Immutable and thread-safe. {@link #toString()} is the
 * node in selector syntax with every operation parenthesized, which parses back to the same tree.
 *
 * <p>Only a comparison with arithmetic in it allocates (one {@link Slot}); everything else reads the values the
 * context already holds.
 */
abstract class Condition {

    abstract Truth test(SelectorContext ctx);

    /**
     * AND (Table 3-4) or OR (Table 3-5) of any number of operands, left to right. Each has a dominant value that
     * decides at once (FALSE for AND, TRUE for OR); otherwise UNKNOWN if any operand is UNKNOWN, else the other value.
     */
    static final class Junction extends Condition {
        private final boolean or;
        private final Truth dominant;
        private final Truth neutral;
        private final Condition[] operands;

        private Junction(boolean or, List<Condition> operands) {
            this.or = or;
            this.dominant = or ? Truth.TRUE : Truth.FALSE;
            this.neutral = dominant.not();
            this.operands = operands.toArray(Condition[]::new);
        }

        static Junction and(List<Condition> operands) {
            return new Junction(false, operands);
        }

        static Junction or(List<Condition> operands) {
            return new Junction(true, operands);
        }

        boolean isOr() {
            return or;
        }

        List<Condition> operands() {
            return List.of(operands);
        }

        @Override
        Truth test(SelectorContext ctx) {
            Truth result = neutral;
            for (Condition c : operands) {
                Truth t = c.test(ctx);
                if (t == dominant) {
                    return dominant;
                } else if (t == Truth.UNKNOWN) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < operands.length; i++) {
                b.append(i == 0 ? "" : or ? " OR " : " AND ").append(operands[i]);
            }
            return b.append(')').toString();
        }
    }

    /** NOT of Table 3-6. */
    static final class Not extends Condition {
        private final Condition operand;

        Not(Condition operand) {
            this.operand = operand;
        }

        @Override
        Truth test(SelectorContext ctx) {
            return operand.test(ctx).not();
        }

        @Override
        public String toString() {
            return "(NOT " + operand + ")";
        }
    }

    /**
     * A value used as a condition: an identifier with a boolean value, or a boolean literal. NULL is UNKNOWN, and so
     * is a value that is not a boolean (the specification says nothing of it, and it is no truth value).
     */
    static final class BooleanTest extends Condition {
        private final Operand.Leaf operand;

        BooleanTest(Operand.Leaf operand) {
            this.operand = operand;
        }

        @Override
        Truth test(SelectorContext ctx) {
            Object v = operand.value(ctx);
            return v instanceof Boolean b ? Truth.of(b) : Truth.UNKNOWN;
        }

        @Override
        public String toString() {
            return operand.toString();
        }
    }

    /**
     * {@code left op right}. Two leaves are compared as the objects they are, without allocating; arithmetic on
     * either side is computed in one {@link Slot}.
     */
    static final class Comparison extends Condition {
        private final CompareOp op;
        private final Operand left;
        private final Operand right;
        private final boolean leaves;

        Comparison(CompareOp op, Operand left, Operand right) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.leaves = left instanceof Operand.Leaf && right instanceof Operand.Leaf;
        }

        @Override
        Truth test(SelectorContext ctx) {
            if (leaves) {
                return Values.compare(op, ((Operand.Leaf) left).value(ctx), ((Operand.Leaf) right).value(ctx));
            }
            Slot s = new Slot();
            left.eval(ctx, s);
            int ka = s.kind;
            long la = s.l;
            double da = s.d;
            Object ra = s.ref;
            right.eval(ctx, s);
            return Values.compare(op, ka, la, da, ra, s);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol() + " " + right + ")";
        }
    }

    /**
     * An operator that applies to an identifier "with a String value" (IN, LIKE): NULL gives UNKNOWN, a string is
     * tested, and any other value is one of unlike type, so the operator is FALSE and its NOT form TRUE.
     */
    abstract static class StringTest extends Condition {
        final Operand.Leaf identifier;
        final boolean negated;

        StringTest(Operand.Leaf identifier, boolean negated) {
            this.identifier = identifier;
            this.negated = negated;
        }

        abstract boolean accepts(String s);

        @Override
        final Truth test(SelectorContext ctx) {
            Object v = identifier.value(ctx);
            if (v == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of((v instanceof String s && accepts(s)) != negated);
        }
    }

    /**
     * {@code identifier [NOT] IN (string-literal, ...)}. 3.8.1.1 defines it as equivalent to
     * {@code (identifier = 'a') OR (identifier = 'b') ...}, and NOT IN as the NOT of that, which is what
     * {@link StringTest} does; a string is looked up in a hash set.
     */
    static final class In extends StringTest {
        private final List<String> list;
        private final Set<String> set;

        In(Operand.Leaf identifier, List<String> list, boolean negated) {
            super(identifier, negated);
            this.list = List.copyOf(list);
            this.set = new HashSet<>(list);
        }

        @Override
        boolean accepts(String s) {
            return set.contains(s);
        }

        @Override
        public String toString() {
            return list.stream().map(s -> new Operand.Literal(s).toString())
                    .collect(Collectors.joining(", ", "(" + identifier + (negated ? " NOT IN (" : " IN ("), "))"));
        }
    }

    /**
     * {@code identifier [NOT] LIKE pattern [ESCAPE c]}, a comparison operator "where identifier has a String value";
     * NOT LIKE is {@code NOT (identifier LIKE pattern)} as in SQL-92 (see {@link StringTest}).
     */
    static final class Like extends StringTest {
        private final LikePattern pattern;

        Like(Operand.Leaf identifier, LikePattern pattern, boolean negated) {
            super(identifier, negated);
            this.pattern = pattern;
        }

        @Override
        boolean accepts(String s) {
            return pattern.matches(s);
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " NOT LIKE " : " LIKE ") + pattern + ")";
        }
    }

    /** {@code identifier IS [NOT] NULL}: never UNKNOWN. */
    static final class IsNull extends Condition {
        private final Operand.Leaf identifier;
        private final boolean negated;

        IsNull(Operand.Leaf identifier, boolean negated) {
            this.identifier = identifier;
            this.negated = negated;
        }

        @Override
        Truth test(SelectorContext ctx) {
            return Truth.of((identifier.value(ctx) == null) != negated);
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " IS NOT NULL)" : " IS NULL)");
        }
    }
}
