package io.wrenmq.selector;

/** The kinds of token of the selector language; keywords are matched without regard to (ASCII) case. */
enum TokenKind {
    IDENTIFIER("identifier"),
    STRING("string literal"),
    /** An exact numeric literal: a Java integer literal, held as a {@code long}. */
    EXACT("number"),
    /** An approximate numeric literal with an {@code f} or {@code F} suffix: a Java {@code float}. */
    FLOAT("number"),
    /** Any other approximate numeric literal: a Java {@code double}. */
    DOUBLE("number"),
    AND("AND"),
    OR("OR"),
    NOT("NOT"),
    BETWEEN("BETWEEN"),
    LIKE("LIKE"),
    IN("IN"),
    IS("IS"),
    ESCAPE("ESCAPE"),
    NULL("NULL"),
    TRUE("TRUE"),
    FALSE("FALSE"),
    EQ("'='"),
    NE("'<>'"),
    LT("'<'"),
    LE("'<='"),
    GT("'>'"),
    GE("'>='"),
    PLUS("'+'"),
    MINUS("'-'"),
    STAR("'*'"),
    SLASH("'/'"),
    LEFT("'('"),
    RIGHT("')'"),
    COMMA("','"),
    END("the end of the selector");

    private static final TokenKind[] KEYWORDS = {AND, OR, NOT, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE};

    private final String description;

    TokenKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The keyword spelled by {@code s[start, end)} in any ASCII case, or null if it spells none. */
    static TokenKind keyword(String s, int start, int end) {
        for (TokenKind k : KEYWORDS) {
            if (k.name().length() == end - start && asciiEqualsIgnoreCase(k.name(), s, start)) {
                return k;
            }
        }
        return null;
    }

    private static boolean asciiEqualsIgnoreCase(String upper, String s, int start) {
        for (int i = 0; i < upper.length(); i++) {
            char c = s.charAt(start + i);
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
