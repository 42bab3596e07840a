package io.wrenmq.selector;

/**
 * What the parser knows of a value's type: a literal's or a header field's is known, an identifier's is not
 * ({@link #ANY}) until a message supplies it. Two known types that differ cannot be compared; strings and booleans
 * only compare with {@code =} and {@code <>}; arithmetic takes numbers.
 */
enum Type {
    BOOLEAN("a boolean"),
    NUMERIC("a number"),
    STRING("a string"),
    ANY("a value");

    private final String description;

    Type(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Whether a value of this type may stand where {@code wanted} is needed. */
    boolean fits(Type wanted) {
        return this == ANY || this == wanted;
    }
}
