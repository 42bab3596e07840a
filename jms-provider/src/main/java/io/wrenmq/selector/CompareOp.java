package io.wrenmq.selector;

/** The comparison operators, with Java's semantics for each primitive type (so NaN is unequal to everything). */
enum CompareOp {
    EQ("=") {
        @Override
        boolean test(long a, long b) {
            return a == b;
        }

        @Override
        boolean test(double a, double b) {
            return a == b;
        }
    },
    NE("<>") {
        @Override
        boolean test(long a, long b) {
            return a != b;
        }

        @Override
        boolean test(double a, double b) {
            return a != b;
        }
    },
    LT("<") {
        @Override
        boolean test(long a, long b) {
            return a < b;
        }

        @Override
        boolean test(double a, double b) {
            return a < b;
        }
    },
    LE("<=") {
        @Override
        boolean test(long a, long b) {
            return a <= b;
        }

        @Override
        boolean test(double a, double b) {
            return a <= b;
        }
    },
    GT(">") {
        @Override
        boolean test(long a, long b) {
            return a > b;
        }

        @Override
        boolean test(double a, double b) {
            return a > b;
        }
    },
    GE(">=") {
        @Override
        boolean test(long a, long b) {
            return a >= b;
        }

        @Override
        boolean test(double a, double b) {
            return a >= b;
        }
    };

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    abstract boolean test(long a, long b);

    /** Also compares floats: widening two floats to double keeps their order and equality. */
    abstract boolean test(double a, double b);

    String symbol() {
        return symbol;
    }

    /** Whether the operator orders, which strings and booleans do not. */
    boolean orders() {
        return this != EQ && this != NE;
    }
}
