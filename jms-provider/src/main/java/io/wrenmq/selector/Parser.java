package io.wrenmq.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the selector grammar of 3.8.1.1, with the static checks the specification allows
 * ("providers may also optionally provide some semantic checking at the time the selector is presented"): every
 * type the parser knows (of literals, header fields, arithmetic, conditions) must fit where it is used.
 *
 * <pre>
 * selector       := orExpr END                            (or nothing but whitespace)
 * orExpr         := andExpr { OR andExpr }
 * andExpr        := notExpr { AND notExpr }
 * notExpr        := NOT notExpr | predicate
 * predicate      := additive [ compareOp additive
 *                            | [NOT] BETWEEN additive AND additive
 *                            | [NOT] IN '(' string { ',' string } ')'
 *                            | [NOT] LIKE string [ ESCAPE string ]
 *                            | IS [NOT] NULL ]
 * additive       := multiplicative { ('+' | '-') multiplicative }
 * multiplicative := unary { ('*' | '/') unary }
 * unary          := ('+' | '-') unary | primary
 * primary        := identifier | string | number | TRUE | FALSE | '(' orExpr ')'
 * </pre>
 *
 * <p>Nesting is bounded twice, so that hostile input cannot overflow the stack: the recursion of the parser
 * (parentheses, NOT, unary signs) and the height of the tree it builds (operators; leaves count 0) may not exceed
 * {@code maxDepth}. Not thread-safe: one parser per selector.
 */
final class Parser {
    private static final String RESTRICTED_HEADERS = "header field references are restricted to JMSDeliveryMode, "
            + "JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID and JMSType";

    private final String selector;
    private final Tokenizer tokenizer;
    private final int maxDepth;
    private Token token;
    private int nesting;

    /** A parsed expression: a condition or an operand, the type it is known to have, and where it starts. */
    private record Expr(Condition condition, Operand operand, Type type, int start, int depth) {

        static Expr of(Condition c, int start, int depth) {
            return new Expr(c, null, Type.BOOLEAN, start, depth);
        }

        static Expr of(Operand o, int start, int depth) {
            return new Expr(null, o, o.type(), start, depth);
        }
    }

    Parser(String selector, int maxDepth) {
        this.selector = selector;
        this.tokenizer = new Tokenizer(selector);
        this.maxDepth = maxDepth;
    }

    /** The selector's condition, or null if it is empty. */
    Condition parse() {
        advance();
        if (token.kind() == TokenKind.END) {
            return null;
        }
        Expr e = junction(true);
        if (token.kind() != TokenKind.END) {
            throw expected("the end of the selector");
        }
        return condition(e);
    }

    // Conditions

    /**
     * Operands joined by OR ({@code or}: orExpr) or AND (andExpr) into one n-ary node; a nested node of the same kind
     * is merged. One method for both levels keeps the parser's stack frames per level of parentheses few.
     */
    private Expr junction(boolean or) {
        TokenKind op = or ? TokenKind.OR : TokenKind.AND;
        Expr first = or ? junction(false) : not();
        if (token.kind() != op) {
            return first;
        }
        List<Condition> operands = new ArrayList<>();
        int depth = 0;
        for (Expr next = first; ; next = or ? junction(false) : not()) {
            Condition c = condition(next);
            if (c instanceof Condition.Junction j && j.isOr() == or) {
                operands.addAll(j.operands());
            } else {
                operands.add(c);
            }
            depth = Math.max(depth, next.depth);
            if (token.kind() != op) {
                break;
            }
            advance();
        }
        Condition c = or ? Condition.Junction.or(operands) : Condition.Junction.and(operands);
        return Expr.of(c, first.start, checkDepth(depth + 1, first.start));
    }

    private Expr not() {
        if (token.kind() != TokenKind.NOT) {
            return predicate();
        }
        int start = token.start();
        advance();
        enter(start);
        Expr operand = not();
        nesting--;
        return Expr.of(new Condition.Not(condition(operand)), start, checkDepth(operand.depth + 1, start));
    }

    private Expr predicate() {
        Expr left = additive();
        Token t = token;
        CompareOp op = switch (t.kind()) {
            case EQ -> CompareOp.EQ;
            case NE -> CompareOp.NE;
            case LT -> CompareOp.LT;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> CompareOp.GE;
            default -> null;
        };
        if (op != null) {
            advance();
            return comparison(left, op, t, additive());
        }
        boolean negated = t.kind() == TokenKind.NOT;
        if (negated) {
            advance();
            if (token.kind() != TokenKind.BETWEEN && token.kind() != TokenKind.IN && token.kind() != TokenKind.LIKE) {
                throw expected("BETWEEN, IN or LIKE after NOT");
            }
        }
        return switch (token.kind()) {
            case BETWEEN -> between(left, negated);
            case IN -> in(left, negated);
            case LIKE -> like(left, negated);
            case IS -> isNull(left);
            default -> left;
        };
    }

    private Expr comparison(Expr left, CompareOp op, Token opToken, Expr right) {
        Operand l = operand(left);
        Operand r = operand(right);
        if (left.type != Type.ANY && right.type != Type.ANY && left.type != right.type) {
            throw error("cannot compare " + describe(left) + " with " + describe(right)
                    + ": only values of like type compare", opToken.start());
        }
        for (Expr side : new Expr[] {left, right}) {
            if (op.orders() && (side.type == Type.STRING || side.type == Type.BOOLEAN)) {
                throw error(op.symbol() + " does not apply to " + describe(side)
                        + ": strings and booleans only compare with = and <>", opToken.start());
            }
        }
        int depth = checkDepth(Math.max(left.depth, right.depth) + 1, opToken.start());
        return Expr.of(new Condition.Comparison(op, l, r), left.start, depth);
    }

    /**
     * 3.8.1.1: "age BETWEEN 15 AND 19" is equivalent to "age >= 15 AND age <= 19", and "age NOT BETWEEN 15 AND 19"
     * to "age < 15 OR age > 19"; so that is what is built.
     */
    private Expr between(Expr left, boolean negated) {
        int at = token.start();
        advance();
        Operand x = numeric(left, "BETWEEN");
        Expr low = additive();
        if (token.kind() != TokenKind.AND) {
            throw expected("AND between the bounds of BETWEEN");
        }
        advance();
        Expr high = additive();
        Operand lo = numeric(low, "BETWEEN");
        Operand hi = numeric(high, "BETWEEN");
        int depth = checkDepth(Math.max(left.depth, Math.max(low.depth, high.depth)) + 2, at);
        Condition c = negated
                ? Condition.Junction.or(List.of(new Condition.Comparison(CompareOp.LT, x, lo),
                        new Condition.Comparison(CompareOp.GT, x, hi)))
                : Condition.Junction.and(List.of(new Condition.Comparison(CompareOp.GE, x, lo),
                        new Condition.Comparison(CompareOp.LE, x, hi)));
        return Expr.of(c, left.start, depth);
    }

    private Expr in(Expr left, boolean negated) {
        Operand.Leaf identifier = identifier(left, "IN", Type.STRING);
        advance();
        if (token.kind() != TokenKind.LEFT) {
            throw expected("'(' after IN");
        }
        List<String> list = new ArrayList<>();
        do {
            advance();
            if (token.kind() != TokenKind.STRING) {
                throw expected("a string literal in the list of IN");
            }
            list.add(token.text());
            advance();
        } while (token.kind() == TokenKind.COMMA);
        if (token.kind() != TokenKind.RIGHT) {
            throw expected("',' or ')' in the list of IN");
        }
        advance();
        return Expr.of(new Condition.In(identifier, list, negated), left.start, 1);
    }

    private Expr like(Expr left, boolean negated) {
        Operand.Leaf identifier = identifier(left, "LIKE", Type.STRING);
        advance();
        if (token.kind() != TokenKind.STRING) {
            throw expected("a string literal pattern after LIKE");
        }
        Token pattern = token;
        advance();
        int escape = -1;
        if (token.kind() == TokenKind.ESCAPE) {
            advance();
            if (token.kind() != TokenKind.STRING) {
                throw expected("a string literal after ESCAPE");
            }
            String e = token.text();
            if (e.isEmpty() || e.codePointCount(0, e.length()) != 1) {
                throw error("the escape character must be a single character, but " + token.describe() + " has "
                        + e.codePointCount(0, e.length()) + " characters", token.start());
            }
            escape = e.codePointAt(0);
            advance();
        }
        try {
            return Expr.of(new Condition.Like(identifier, LikePattern.compile(pattern.text(), escape), negated),
                    left.start, 1);
        } catch (IllegalArgumentException e) {
            throw error("invalid LIKE pattern " + pattern.describe() + ": " + e.getMessage(), pattern.start());
        }
    }

    private Expr isNull(Expr left) {
        advance();
        boolean negated = token.kind() == TokenKind.NOT;
        if (negated) {
            advance();
        }
        if (token.kind() != TokenKind.NULL) {
            throw expected(negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
        }
        advance();
        return Expr.of(new Condition.IsNull(identifier(left, "IS NULL", null), negated), left.start, 1);
    }

    // Operands

    private Expr additive() {
        Expr left = multiplicative();
        while (token.kind() == TokenKind.PLUS || token.kind() == TokenKind.MINUS) {
            Token op = token;
            advance();
            left = arithmetic(left, op, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (token.kind() == TokenKind.STAR || token.kind() == TokenKind.SLASH) {
            Token op = token;
            advance();
            left = arithmetic(left, op, unary());
        }
        return left;
    }

    private Expr arithmetic(Expr left, Token opToken, Expr right) {
        ArithmeticOp op = switch (opToken.kind()) {
            case PLUS -> ArithmeticOp.ADD;
            case MINUS -> ArithmeticOp.SUBTRACT;
            case STAR -> ArithmeticOp.MULTIPLY;
            default -> ArithmeticOp.DIVIDE;
        };
        String name = "'" + op.symbol() + "'";
        Operand a = numeric(left, name);
        Operand b = numeric(right, name);
        int depth = checkDepth(Math.max(left.depth, right.depth) + 1, opToken.start());
        return Expr.of(new Operand.Arithmetic(op, a, b), left.start, depth);
    }

    /** Unary plus and minus; applied to a numeric literal, folded into it (so {@code -957} is a literal). */
    private Expr unary() {
        if (token.kind() != TokenKind.PLUS && token.kind() != TokenKind.MINUS) {
            return primary();
        }
        Token sign = token;
        boolean minus = sign.kind() == TokenKind.MINUS;
        advance();
        if (minus && token.needsMinus()) {
            advance();
            return Expr.of(new Operand.Literal(Long.MIN_VALUE), sign.start(), 0);
        }
        enter(sign.start());
        Expr operand = unary();
        nesting--;
        Operand o = numeric(operand, minus ? "unary '-'" : "unary '+'");
        if (o instanceof Operand.Literal literal) {
            return Expr.of(minus ? literal.negated() : literal, sign.start(), 0);
        }
        if (!minus) {
            return new Expr(null, o, Type.NUMERIC, sign.start(), operand.depth);
        }
        return Expr.of(new Operand.Negate(o), sign.start(), checkDepth(operand.depth + 1, sign.start()));
    }

    private Expr primary() {
        Token t = token;
        Operand o = switch (t.kind()) {
            case IDENTIFIER -> reference(t);
            case STRING -> new Operand.Literal(t.text());
            case EXACT -> {
                if (t.needsMinus()) {
                    throw error("integer literal " + t.text() + " is out of the range of a Java long", t.start());
                }
                yield new Operand.Literal(t.bits());
            }
            case FLOAT -> new Operand.Literal((float) t.doubleValue());
            case DOUBLE -> new Operand.Literal(t.doubleValue());
            case TRUE -> new Operand.Literal(Boolean.TRUE);
            case FALSE -> new Operand.Literal(Boolean.FALSE);
            case NULL -> throw error("NULL is not a value in a selector; test for it with IS NULL or IS NOT NULL",
                    t.start());
            case LEFT -> null;
            default -> throw expected("an identifier, a literal or '('");
        };
        advance();
        if (o != null) {
            return Expr.of(o, t.start(), 0);
        }
        enter(t.start());
        Expr inner = junction(true);
        if (token.kind() != TokenKind.RIGHT) {
            throw expected("')'");
        }
        advance();
        nesting--;
        return new Expr(inner.condition, inner.operand, inner.type, t.start(), inner.depth);
    }

    /**
     * An identifier: one of the six header fields, or a property. 3.8.1.1 names the other names that begin with
     * JMS: "Any name beginning with 'JMSX' is a Jakarta Messaging defined property name", "Any name beginning with
     * 'JMS_' is a provider-specific property name", and "Any name that does not begin with 'JMS' is an
     * application-specific property name". A name beginning with JMS that is none of these (JMSExpiration,
     * JMSRedelivered, JMSDestination ...) is neither a permitted header reference nor a property: refused.
     */
    private Operand reference(Token t) {
        String name = t.text();
        HeaderField field = HeaderField.forName(name);
        if (field != null) {
            return new Operand.Header(field);
        }
        if (name.startsWith("JMS") && !name.startsWith("JMSX") && !name.startsWith("JMS_")) {
            throw error(name + " cannot be used in a selector: " + RESTRICTED_HEADERS
                    + ", and other names beginning with JMS are reserved", t.start());
        }
        return new Operand.Property(name);
    }

    // Conversions and checks

    /** {@code e} where a condition is needed: a condition, or a leaf that may hold a boolean. */
    private Condition condition(Expr e) {
        if (e.condition != null) {
            return e.condition;
        }
        if (e.operand instanceof Operand.Leaf leaf && e.type.fits(Type.BOOLEAN)) {
            return new Condition.BooleanTest(leaf);
        }
        throw error("expected a condition but found " + describe(e), e.start);
    }

    /** {@code e} where a value is needed: a condition becomes a boolean value. */
    private static Operand operand(Expr e) {
        return e.operand != null ? e.operand : new Operand.ConditionValue(e.condition);
    }

    private Operand numeric(Expr e, String operator) {
        if (!e.type.fits(Type.NUMERIC)) {
            throw error(operator + " needs numbers but found " + describe(e), e.start);
        }
        return operand(e);
    }

    /** {@code e} as the identifier an operator applies to ("identifier [NOT] IN", "identifier [NOT] LIKE" ...). */
    private Operand.Leaf identifier(Expr e, String operator, Type wanted) {
        if (!(e.operand instanceof Operand.Property) && !(e.operand instanceof Operand.Header)) {
            throw error(operator + " applies to an identifier but found " + describe(e), e.start);
        }
        if (wanted != null && !e.type.fits(wanted)) {
            throw error(operator + " needs " + wanted.description() + " but found " + describe(e), e.start);
        }
        return (Operand.Leaf) e.operand;
    }

    private static String describe(Expr e) {
        if (e.operand instanceof Operand.Literal literal) {
            return switch (e.type) {
                case STRING -> "the string literal " + literal;
                case BOOLEAN -> "the boolean " + literal;
                default -> "the number " + literal;
            };
        }
        if (e.operand instanceof Operand.Header || e.operand instanceof Operand.Property && e.type == Type.ANY) {
            return e.type == Type.ANY ? "identifier " + e.operand : e.operand + " (" + e.type.description() + ")";
        }
        return e.type == Type.BOOLEAN ? "a condition" : "an arithmetic expression";
    }

    private void enter(int at) {
        if (++nesting > maxDepth) {
            throw tooDeep(at);
        }
    }

    private int checkDepth(int depth, int at) {
        if (depth > maxDepth) {
            throw tooDeep(at);
        }
        return depth;
    }

    private SelectorSyntaxException tooDeep(int at) {
        return error("the selector nests deeper than the limit of " + maxDepth + " levels", at);
    }

    private void advance() {
        token = tokenizer.next();
    }

    private SelectorSyntaxException expected(String what) {
        return error("expected " + what + " but found " + token.describe(), token.start());
    }

    private SelectorSyntaxException error(String reason, int at) {
        return new SelectorSyntaxException(reason, selector, at);
    }
}
