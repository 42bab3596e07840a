package io.wrenmq.selector;

/**
 * One token: where it is in the selector, and its value: the name of an identifier, the decoded text of a string
 * literal, the value of a numeric literal ({@code bits}: the {@code long} of an {@link TokenKind#EXACT}, the
 * {@link Double#doubleToRawLongBits raw bits} of a {@link TokenKind#FLOAT} or {@link TokenKind#DOUBLE}).
 *
 * @param start index of its first character
 * @param end   index after its last character
 */
record Token(TokenKind kind, int start, int end, String text, long bits) {

    double doubleValue() {
        return Double.longBitsToDouble(bits);
    }

    /**
     * Whether this is the decimal literal 9223372036854775808, which like in Java is only valid as the operand of a
     * unary minus (the tokenizer holds it as {@link Long#MIN_VALUE}).
     */
    boolean needsMinus() {
        return kind == TokenKind.EXACT && bits == Long.MIN_VALUE && text.charAt(0) != '0';
    }

    /** How an error message names this token. */
    String describe() {
        return switch (kind) {
            case IDENTIFIER -> "identifier " + text;
            case STRING -> "string literal '" + text.replace("'", "''") + "'";
            case EXACT, FLOAT, DOUBLE -> "number " + text;
            default -> kind.description();
        };
    }
}
