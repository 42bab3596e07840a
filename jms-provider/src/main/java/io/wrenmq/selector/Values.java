package io.wrenmq.selector;

/**
 * The kinds of value a selector computes with, and comparison of two values by the rules of 3.8.1.1. A value is
 * passed as its kind plus a {@code long} (INT and LONG), a {@code double} (FLOAT and DOUBLE) or an object (STRING,
 * BOOLEAN), so numbers are compared without boxing.
 *
 * <p>INT stands for every Java type that numeric promotion widens to {@code int} (byte, short, int): "Arithmetic
 * operations must use Java numeric promotion", and so must comparisons between exact and approximate values.
 */
final class Values {
    static final int NULL = 0;
    /** A value of no selector type (not NULL), or the result of arithmetic on one. */
    static final int OTHER = 1;
    static final int BOOLEAN = 2;
    static final int STRING = 3;
    static final int INT = 4;
    static final int LONG = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;

    private Values() {
    }

    static int kindOf(Object v) {
        if (v == null) {
            return NULL;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            return STRING;
        } else if (c == Integer.class || c == Short.class || c == Byte.class) {
            return INT;
        } else if (c == Long.class) {
            return LONG;
        } else if (c == Double.class) {
            return DOUBLE;
        } else if (c == Float.class) {
            return FLOAT;
        } else if (c == Boolean.class) {
            return BOOLEAN;
        }
        return OTHER;
    }

    static boolean isNumeric(int kind) {
        return kind >= INT;
    }

    /** The kind both operands are converted to by Java's binary numeric promotion (JLS 5.6.2). */
    static int promote(int a, int b) {
        return Math.max(a, b);
    }

    /** The integral value of an INT or LONG, else 0. */
    static long longOf(Object v, int kind) {
        return kind == INT || kind == LONG ? ((Number) v).longValue() : 0;
    }

    /** The value of a FLOAT or DOUBLE, else 0. */
    static double doubleOf(Object v, int kind) {
        return kind == FLOAT || kind == DOUBLE ? ((Number) v).doubleValue() : 0;
    }

    /** A numeric value of kind {@code kind} as a {@code double}, the way Java converts it. */
    static double asDouble(int kind, long l, double d) {
        return kind >= FLOAT ? d : l;
    }

    /** A numeric value of kind {@code kind} as a {@code float}, the way Java converts it. */
    static float asFloat(int kind, long l, double d) {
        return kind >= FLOAT ? (float) d : (float) l;
    }

    /** Compares two values held as objects, as {@link #compare(CompareOp, int, long, double, Object, Slot)}. */
    static Truth compare(CompareOp op, Object a, Object b) {
        int ka = kindOf(a);
        int kb = kindOf(b);
        return compare(op, ka, longOf(a, ka), doubleOf(a, ka), a, kb, longOf(b, kb), doubleOf(b, kb), b);
    }

    /** Compares a value held in parts with one held in {@code b}. */
    static Truth compare(CompareOp op, int ka, long la, double da, Object ra, Slot b) {
        return compare(op, ka, la, da, ra, b.kind, b.l, b.d, b.ref);
    }

    /**
     * 3.8.1.1: "If either of the type values evaluates to NULL, the value of the expression is unknown." Numbers
     * compare after Java numeric promotion. "String and Boolean comparison is restricted to = and <>", and "If the
     * comparison of non-like type values is attempted, the value of the operation is false": so a string ordered
     * with {@code <}, or a string compared with a number, is FALSE, not UNKNOWN.
     */
    private static Truth compare(CompareOp op, int ka, long la, double da, Object ra,
                                 int kb, long lb, double db, Object rb) {
        if (ka == NULL || kb == NULL) {
            return Truth.UNKNOWN;
        }
        if (isNumeric(ka) && isNumeric(kb)) {
            return Truth.of(switch (promote(ka, kb)) {
                case INT, LONG -> op.test(la, lb);
                case FLOAT -> op.test(asFloat(ka, la, da), asFloat(kb, lb, db));
                default -> op.test(asDouble(ka, la, da), asDouble(kb, lb, db));
            });
        }
        if (ka != kb || (ka != STRING && ka != BOOLEAN)) {
            return Truth.FALSE;
        }
        return switch (op) {
            case EQ -> Truth.of(ra.equals(rb));
            case NE -> Truth.of(!ra.equals(rb));
            default -> Truth.FALSE;
        };
    }
}
