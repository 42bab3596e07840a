package io.wrenmq.selector;

/**
 * The binary arithmetic operators with Java's semantics for each promoted type: {@code int} and {@code long}
 * overflow wraps, integer division truncates, floating point follows IEEE 754. Integer division by zero, which
 * throws in Java, is reported by {@link #dividesByZero} so that the caller can make it NULL instead.
 */
enum ArithmeticOp {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOp(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Whether this is an integer division by zero, which has no value. */
    boolean dividesByZero(long divisor) {
        return this == DIVIDE && divisor == 0;
    }

    int apply(int a, int b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }

    long apply(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }

    float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }

    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }
}
