package io.wrenmq.selector;

/**
 * Splits a selector into {@link Token}s, one at a time.
 *
 * <p>Whitespace is Java's (3.8.1.1): space, horizontal tab, form feed and line terminators; nothing else separates
 * tokens. Identifiers start with a character for which {@link Character#isJavaIdentifierStart(int)} is true and go on
 * with {@link Character#isJavaIdentifierPart(int)}. Numeric literals follow the Java literal syntax the
 * specification names ({@link #number}). String literals are quoted with {@code '}, a quote inside doubled.
 */
final class Tokenizer {
    private final String s;
    private int pos;

    Tokenizer(String selector) {
        this.s = selector;
    }

    Token next() {
        skipWhitespace();
        int start = pos;
        if (pos == s.length()) {
            return new Token(TokenKind.END, start, start, null, 0);
        }
        char c = s.charAt(pos);
        if (c == '\'') {
            return string();
        }
        if (isDigit(c) || (c == '.' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1)))) {
            return number();
        }
        int cp = s.codePointAt(pos);
        if (Character.isJavaIdentifierStart(cp)) {
            return word();
        }
        pos++;
        TokenKind kind = switch (c) {
            case '=' -> TokenKind.EQ;
            case '<' -> follows('>') ? TokenKind.NE : follows('=') ? TokenKind.LE : TokenKind.LT;
            case '>' -> follows('=') ? TokenKind.GE : TokenKind.GT;
            case '+' -> TokenKind.PLUS;
            case '-' -> TokenKind.MINUS;
            case '*' -> TokenKind.STAR;
            case '/' -> TokenKind.SLASH;
            case '(' -> TokenKind.LEFT;
            case ')' -> TokenKind.RIGHT;
            case ',' -> TokenKind.COMMA;
            default -> throw unexpectedCharacter(start, cp);
        };
        return new Token(kind, start, pos, null, 0);
    }

    private SelectorSyntaxException unexpectedCharacter(int at, int cp) {
        String hint = switch (cp) {
            case '!' -> "; not equal is written <>";
            case '"' -> "; string literals are quoted with '";
            default -> "";
        };
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                ? String.format("U+%04X", cp) : "'" + Character.toString(cp) + "'";
        return error("unexpected character " + shown + hint, at);
    }

    private boolean follows(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Token word() {
        int start = pos;
        pos += Character.charCount(s.codePointAt(pos));
        while (pos < s.length()) {
            int cp = s.codePointAt(pos);
            if (!Character.isJavaIdentifierPart(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        TokenKind keyword = TokenKind.keyword(s, start, pos);
        String text = s.substring(start, pos);
        return new Token(keyword != null ? keyword : TokenKind.IDENTIFIER, start, pos, text, 0);
    }

    private Token string() {
        int start = pos++;
        StringBuilder doubled = null;
        int from = pos;
        while (true) {
            int quote = s.indexOf('\'', pos);
            if (quote < 0) {
                throw error("string literal is not closed", start);
            }
            if (quote + 1 < s.length() && s.charAt(quote + 1) == '\'') {
                if (doubled == null) {
                    doubled = new StringBuilder();
                }
                doubled.append(s, from, quote + 1);
                pos = from = quote + 2;
                continue;
            }
            pos = quote + 1;
            String text = doubled == null ? s.substring(from, quote) : doubled.append(s, from, quote).toString();
            return new Token(TokenKind.STRING, start, pos, text, 0);
        }
    }

    /**
     * A numeric literal in the Java syntax (JLS 3.10.1 and 3.10.2), as 3.8.1.1 asks: "Exact numeric literals use the
     * Java integer literal syntax", "Approximate literals use the Java floating-point literal syntax". So decimal,
     * hexadecimal ({@code 0x1F}), octal ({@code 017}) and binary ({@code 0b101}) integers with an optional
     * {@code L}, underscores between digits, decimal and hexadecimal floating point with optional exponent and
     * {@code f}/{@code d} suffix. An integer is a {@code long} with or without {@code L}, since "numbers in the
     * range of Java long are supported": its value is that of the same Java literal with an {@code L} suffix. The
     * sign is not part of the token: {@code -957} is a unary minus applied to {@code 957}, folded by the parser.
     */
    private Token number() {
        int start = pos;
        if (s.charAt(pos) == '0' && pos + 1 < s.length() && "xXbB".indexOf(s.charAt(pos + 1)) >= 0) {
            boolean hex = Character.toLowerCase(s.charAt(pos + 1)) == 'x';
            pos += 2;
            if (hex) {
                return hexadecimal(start);
            }
            String digits = digits(start, 2);
            longSuffix();
            return integer(start, digits, 2);
        }
        String whole = digits(start, 10);
        boolean floating = false;
        String fraction = "";
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            floating = true;
            fraction = digits(start, 10);
        }
        floating |= exponent(start, "eE");
        char suffix = suffix();
        if (floating && suffix == 'l') {
            throw malformed(start, "an L suffix is only for integers");
        }
        if (floating || suffix == 'f' || suffix == 'd') {
            return floating(start, suffix == 'f', hasNonZeroDigit(whole + fraction));
        }
        if (whole.length() > 1 && whole.charAt(0) == '0') {
            if (!whole.chars().allMatch(d -> d <= '7')) {
                throw malformed(start, "a leading 0 makes it octal, whose digits are 0 to 7");
            }
            return integer(start, whole.substring(1), 8);
        }
        return integer(start, whole, 10);
    }

    private Token hexadecimal(int start) {
        String whole = digits(start, 16);
        String fraction = "";
        boolean point = pos < s.length() && s.charAt(pos) == '.';
        if (point) {
            pos++;
            fraction = digits(start, 16);
        }
        if (whole.isEmpty() && fraction.isEmpty()) {
            throw malformed(start, "it has no hexadecimal digits");
        }
        if (!exponent(start, "pP")) {
            if (point) {
                throw malformed(start, "a hexadecimal floating-point literal needs a p exponent");
            }
            longSuffix();
            return integer(start, whole, 16);
        }
        char suffix = suffix();
        if (suffix == 'l') {
            throw malformed(start, "an L suffix is only for integers");
        }
        return floating(start, suffix == 'f', hasNonZeroDigit(whole + fraction));
    }

    /** An integer whose digits (without prefix and underscores) are {@code digits} in {@code radix}. */
    private Token integer(int start, String digits, int radix) {
        if (digits.isEmpty()) {
            throw malformed(start, "it has no digits");
        }
        long value;
        if (radix == 10) {
            // Up to 2^63, held as Long.MIN_VALUE: valid only after a unary minus (Token.needsMinus).
            value = digits.equals("9223372036854775808") ? Long.MIN_VALUE : parse(start, digits, 10);
        } else {
            value = parse(start, digits, radix);
        }
        return new Token(TokenKind.EXACT, start, end(start), s.substring(start, pos), value);
    }

    private long parse(int start, String digits, int radix) {
        try {
            return radix == 10 ? Long.parseLong(digits) : Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error("integer literal " + s.substring(start, pos) + " is out of the range of a Java long", start);
        }
    }

    private Token floating(int start, boolean isFloat, boolean nonZero) {
        end(start);
        String text = s.substring(start, pos);
        String clean = text.replace("_", "");
        double value = isFloat ? Float.parseFloat(clean) : Double.parseDouble(clean);
        if (Double.isInfinite(value)) {
            throw error("floating-point literal " + text + " is too large for a Java " + (isFloat ? "float" : "double"),
                    start);
        }
        if (value == 0 && nonZero) {
            throw error("floating-point literal " + text + " is too small for a Java " + (isFloat ? "float" : "double"),
                    start);
        }
        return new Token(isFloat ? TokenKind.FLOAT : TokenKind.DOUBLE, start, pos, text,
                Double.doubleToRawLongBits(value));
    }

    /** Checks that the literal is not run together with what follows, as in {@code 12abc}, and returns its end. */
    private int end(int start) {
        if (pos < s.length() && Character.isJavaIdentifierPart(s.codePointAt(pos))) {
            throw malformed(start, "it runs into the character '" + Character.toString(s.codePointAt(pos)) + "'");
        }
        return pos;
    }

    /** Consumes an exponent introduced by one of {@code letters}, if there is one. */
    private boolean exponent(int start, String letters) {
        if (pos >= s.length() || letters.indexOf(s.charAt(pos)) < 0) {
            return false;
        }
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            pos++;
        }
        if (digits(start, 10).isEmpty()) {
            throw malformed(start, "its exponent has no digits");
        }
        return true;
    }

    private void longSuffix() {
        if (pos < s.length() && (s.charAt(pos) == 'l' || s.charAt(pos) == 'L')) {
            pos++;
        }
    }

    private static boolean hasNonZeroDigit(String digits) {
        return digits.chars().anyMatch(d -> d != '0');
    }

    /** Consumes a type suffix and returns it in lower case ({@code l}, {@code f}, {@code d}), or 0 if none. */
    private char suffix() {
        if (pos < s.length()) {
            char c = Character.toLowerCase(s.charAt(pos));
            if (c == 'l' || c == 'f' || c == 'd') {
                pos++;
                return c;
            }
        }
        return 0;
    }

    /**
     * Consumes a run of digits in {@code radix} (16 covers 10 and 8: octal digits are checked later) with
     * underscores between them, and returns the digits without underscores.
     */
    private String digits(int start, int radix) {
        int from = pos;
        while (pos < s.length() && (s.charAt(pos) == '_' || Character.digit(s.charAt(pos), radix) >= 0
                && s.charAt(pos) < 128)) {
            pos++;
        }
        if (pos > from && (s.charAt(from) == '_' || s.charAt(pos - 1) == '_')) {
            throw malformed(start, "underscores may only stand between digits");
        }
        return s.substring(from, pos).replace("_", "");
    }

    private SelectorSyntaxException malformed(int start, String why) {
        while (pos < s.length() && Character.isJavaIdentifierPart(s.codePointAt(pos))) {
            pos += Character.charCount(s.codePointAt(pos));
        }
        return error("malformed number " + s.substring(start, pos) + ": " + why, start);
    }

    private SelectorSyntaxException error(String reason, int at) {
        return new SelectorSyntaxException(reason, s, at);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
