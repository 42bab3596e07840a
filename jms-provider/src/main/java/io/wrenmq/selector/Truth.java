package io.wrenmq.selector;

/** SQL's three truth values (3.8.1.2): a selector selects a message only if it evaluates to {@link #TRUE}. */
enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Table 3-6: NOT exchanges TRUE and FALSE and leaves UNKNOWN. */
    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
