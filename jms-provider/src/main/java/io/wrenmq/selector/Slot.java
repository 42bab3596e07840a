package io.wrenmq.selector;

/**
 * Scratch space for one value during the evaluation of arithmetic: its {@link Values kind} and its payload, so that
 * intermediate results are not boxed. Mutable and not thread-safe: a comparison that holds arithmetic makes one
 * per evaluation, and the operands below it reuse it (a binary operator keeps its left value in locals while
 * the right one is computed here).
 */
final class Slot {
    int kind;
    long l;
    double d;
    Object ref;

    void set(Object v) {
        kind = Values.kindOf(v);
        ref = v;
        l = Values.longOf(v, kind);
        d = Values.doubleOf(v, kind);
    }

    void setKind(int k) {
        kind = k;
        ref = null;
    }

    void setInt(int v) {
        setKind(Values.INT);
        l = v;
    }

    void setLong(long v) {
        setKind(Values.LONG);
        l = v;
    }

    void setFloat(float v) {
        setKind(Values.FLOAT);
        d = v;
    }

    void setDouble(double v) {
        setKind(Values.DOUBLE);
        d = v;
    }
}
