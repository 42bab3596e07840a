package io.wrenmq.selector;

/**
 * A node of the expression tree that yields a value: a literal, an identifier, arithmetic, or a parenthesized
 * condition compared as a boolean. Immutable.
 *
 * <p>{@link #eval} leaves the value in a {@link Slot}; a {@link Leaf} can also hand its value over as the object it
 * already is, which is how comparisons of identifiers with literals run without allocating.
 */
abstract class Operand {

    /** The type the parser knows this operand to have. */
    abstract Type type();

    abstract void eval(SelectorContext ctx, Slot out);

    /** An operand whose value exists as an object without computing it: nothing is allocated to read it. */
    abstract static class Leaf extends Operand {

        abstract Object value(SelectorContext ctx);

        @Override
        final void eval(SelectorContext ctx, Slot out) {
            out.set(value(ctx));
        }
    }

    /** A string, numeric or boolean literal: a {@link String}, {@link Long}, {@link Float}, {@link Double} or {@link Boolean}. */
    static final class Literal extends Leaf {
        private final Object value;

        Literal(Object value) {
            this.value = value;
        }

        @Override
        Object value(SelectorContext ctx) {
            return value;
        }

        Object value() {
            return value;
        }

        @Override
        Type type() {
            return switch (Values.kindOf(value)) {
                case Values.STRING -> Type.STRING;
                case Values.BOOLEAN -> Type.BOOLEAN;
                default -> Type.NUMERIC;
            };
        }

        /** This numeric literal negated, as Java negates a value of its type. */
        Literal negated() {
            if (value instanceof Long l) {
                return new Literal(-l);
            } else if (value instanceof Float f) {
                return new Literal(-f);
            }
            return new Literal(-(Double) value);
        }

        @Override
        public String toString() {
            if (value instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            } else if (value instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            } else if (value instanceof Float f) {
                return f + "F";
            }
            return value.toString();
        }
    }

    /** A property reference; its type is only known once a message supplies the value. */
    static final class Property extends Leaf {
        private final String name;

        Property(String name) {
            this.name = name;
        }

        @Override
        Object value(SelectorContext ctx) {
            return ctx.property(name);
        }

        @Override
        Type type() {
            return Type.ANY;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A header field reference. */
    static final class Header extends Leaf {
        private final HeaderField field;

        Header(HeaderField field) {
            this.field = field;
        }

        @Override
        Object value(SelectorContext ctx) {
            return ctx.header(field);
        }

        @Override
        Type type() {
            return field.type();
        }

        @Override
        public String toString() {
            return field.jmsName();
        }
    }

    /** A condition where a value is expected, as in {@code (a > 1) = FALSE}: a boolean, or NULL for UNKNOWN. */
    static final class ConditionValue extends Leaf {
        private final Condition condition;

        ConditionValue(Condition condition) {
            this.condition = condition;
        }

        @Override
        Object value(SelectorContext ctx) {
            return switch (condition.test(ctx)) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case UNKNOWN -> null;
            };
        }

        @Override
        Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public String toString() {
            return condition.toString();
        }
    }

    /** Unary minus. NULL stays NULL; a value that is not a number gives {@link Values#OTHER}. */
    static final class Negate extends Operand {
        private final Operand operand;

        Negate(Operand operand) {
            this.operand = operand;
        }

        @Override
        Type type() {
            return Type.NUMERIC;
        }

        @Override
        void eval(SelectorContext ctx, Slot out) {
            operand.eval(ctx, out);
            switch (out.kind) {
                case Values.INT -> out.setInt(-(int) out.l);
                case Values.LONG -> out.setLong(-out.l);
                case Values.FLOAT -> out.setFloat(-(float) out.d);
                case Values.DOUBLE -> out.setDouble(-out.d);
                case Values.NULL -> out.setKind(Values.NULL);
                default -> out.setKind(Values.OTHER);
            }
        }

        @Override
        public String toString() {
            return "(-" + operand + ")";
        }
    }

    /**
     * A binary arithmetic operation with Java numeric promotion (3.8.1.1). "Comparison or arithmetic with an unknown
     * value always yields an unknown value" (3.8.1.2): a NULL operand gives NULL. An operand that is not a number
     * ("a string cannot be used in an arithmetic expression") gives {@link Values#OTHER}, which every comparison
     * finds false. An integer division by zero gives NULL.
     */
    static final class Arithmetic extends Operand {
        private final ArithmeticOp op;
        private final Operand left;
        private final Operand right;

        Arithmetic(ArithmeticOp op, Operand left, Operand right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Type type() {
            return Type.NUMERIC;
        }

        @Override
        void eval(SelectorContext ctx, Slot out) {
            left.eval(ctx, out);
            int ka = out.kind;
            long la = out.l;
            double da = out.d;
            right.eval(ctx, out);
            int kb = out.kind;
            if (ka == Values.NULL || kb == Values.NULL) {
                out.setKind(Values.NULL);
                return;
            }
            if (!Values.isNumeric(ka) || !Values.isNumeric(kb)) {
                out.setKind(Values.OTHER);
                return;
            }
            switch (Values.promote(ka, kb)) {
                case Values.INT -> {
                    if (op.dividesByZero((int) out.l)) {
                        out.setKind(Values.NULL);
                    } else {
                        out.setInt(op.apply((int) la, (int) out.l));
                    }
                }
                case Values.LONG -> {
                    if (op.dividesByZero(out.l)) {
                        out.setKind(Values.NULL);
                    } else {
                        out.setLong(op.apply(la, out.l));
                    }
                }
                case Values.FLOAT -> out.setFloat(op.apply(Values.asFloat(ka, la, da), Values.asFloat(kb, out.l, out.d)));
                default -> out.setDouble(op.apply(Values.asDouble(ka, la, da), Values.asDouble(kb, out.l, out.d)));
            }
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol() + " " + right + ")";
        }
    }
}
