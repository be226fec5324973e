package org.arrayflow.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A tiny, safe expression language for sweep constraints: numbers, quoted strings, names,
 * {@code + - * / %}, comparisons {@code < <= > >= == !=}, {@code && || !} (also {@code and or not}) and
 * parentheses. Names are resolved by the caller (to architecture values); nothing else can be reached,
 * so a sweep file cannot run code. Arithmetic is in doubles (exact for integers below 2^53).
 * Parsed once into a tree; evaluated per design point.
 */
public final class Expr {
    /** A node of the parsed expression. Values are Double, String or Boolean. */
    public sealed interface Term permits Num, Str, Name, Unary, Binary {}

    public record Num(double value) implements Term {}

    public record Str(String value) implements Term {}

    public record Name(String name) implements Term {}

    public record Unary(String op, Term arg) implements Term {}

    public record Binary(String op, Term left, Term right) implements Term {}

    /** A syntax or type error, with the character offset where it was found. */
    public static final class ExprException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ExprException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private int pos;

    private Expr(List<String> tokens) {
        this.tokens = tokens;
    }

    public static Term parse(String text) {
        Expr p = new Expr(tokenize(text));
        if (p.tokens.isEmpty()) {
            throw new ExprException("empty expression");
        }
        Term t = p.or();
        if (p.pos < p.tokens.size()) {
            throw new ExprException("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return t;
    }

    /** Every name the expression refers to, in order of appearance. */
    public static List<String> names(Term t) {
        List<String> out = new ArrayList<>();
        collect(t, out);
        return out;
    }

    private static void collect(Term t, List<String> out) {
        if (t instanceof Name n) {
            out.add(n.name());
        } else if (t instanceof Unary u) {
            collect(u.arg(), out);
        } else if (t instanceof Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        }
    }

    public static Object eval(Term t, Function<String, Object> names) {
        if (t instanceof Num n) {
            return n.value();
        }
        if (t instanceof Str s) {
            return s.value();
        }
        if (t instanceof Name n) {
            return names.apply(n.name());
        }
        if (t instanceof Unary u) {
            Object v = eval(u.arg(), names);
            if (u.op().equals("!")) {
                return !bool(v, "!");
            }
            return -num(v, "-");
        }
        Binary b = (Binary) t;
        String op = b.op();
        if (op.equals("&&")) {
            return bool(eval(b.left(), names), op) && bool(eval(b.right(), names), op);
        }
        if (op.equals("||")) {
            return bool(eval(b.left(), names), op) || bool(eval(b.right(), names), op);
        }
        Object l = eval(b.left(), names);
        Object r = eval(b.right(), names);
        switch (op) {
            case "==":
                return equal(l, r);
            case "!=":
                return !equal(l, r);
            case "<": return num(l, op) < num(r, op);
            case "<=": return num(l, op) <= num(r, op);
            case ">": return num(l, op) > num(r, op);
            case ">=": return num(l, op) >= num(r, op);
            case "+": return num(l, op) + num(r, op);
            case "-": return num(l, op) - num(r, op);
            case "*": return num(l, op) * num(r, op);
            case "/": return num(l, op) / num(r, op);
            case "%": return num(l, op) % num(r, op);
            default:
                throw new IllegalStateException(op);
        }
    }

    private static boolean equal(Object l, Object r) {
        if (l instanceof Double a && r instanceof Double b) {
            return a.doubleValue() == b.doubleValue();
        }
        return l.equals(r);
    }

    private static double num(Object v, String op) {
        if (v instanceof Double d) {
            return d;
        }
        throw new ExprException("'" + op + "' needs numbers, found " + show(v));
    }

    private static boolean bool(Object v, String op) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ExprException("'" + op + "' needs true/false, found " + show(v));
    }

    private static String show(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    // ---- recursive descent: or > and > not > comparison > sum > product > unary > atom ----

    private Term or() {
        Term t = and();
        while (accept("||")) {
            t = new Binary("||", t, and());
        }
        return t;
    }

    private Term and() {
        Term t = not();
        while (accept("&&")) {
            t = new Binary("&&", t, not());
        }
        return t;
    }

    private Term not() {
        if (accept("!")) {
            return new Unary("!", not());
        }
        return comparison();
    }

    private Term comparison() {
        Term t = sum();
        for (String op : List.of("<=", ">=", "==", "!=", "<", ">")) {
            if (accept(op)) {
                return new Binary(op, t, sum());
            }
        }
        return t;
    }

    private Term sum() {
        Term t = product();
        while (true) {
            if (accept("+")) {
                t = new Binary("+", t, product());
            } else if (accept("-")) {
                t = new Binary("-", t, product());
            } else {
                return t;
            }
        }
    }

    private Term product() {
        Term t = unary();
        while (true) {
            String op = peek();
            if ("*".equals(op) || "/".equals(op) || "%".equals(op)) {
                pos++;
                t = new Binary(op, t, unary());
            } else {
                return t;
            }
        }
    }

    private Term unary() {
        if (accept("-")) {
            return new Unary("-", unary());
        }
        return atom();
    }

    private Term atom() {
        String tok = peek();
        if (tok == null) {
            throw new ExprException("unexpected end of expression");
        }
        pos++;
        if (tok.equals("(")) {
            Term t = or();
            if (!accept(")")) {
                throw new ExprException("missing ')'");
            }
            return t;
        }
        char c = tok.charAt(0);
        if (c == '"') {
            return new Str(tok.substring(1));
        }
        if (Character.isDigit(c) || c == '.') {
            try {
                return new Num(Double.parseDouble(tok));
            } catch (NumberFormatException e) {
                throw new ExprException("bad number '" + tok + "'");
            }
        }
        if (Character.isLetter(c) || c == '_') {
            return new Name(tok);
        }
        throw new ExprException("unexpected '" + tok + "'");
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String op) {
        if (op.equals(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    /** Tokens; a string literal is kept as {@code "} followed by its content. */
    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) {
                    j++;
                }
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                        j++;
                    }
                    while (j < s.length() && Character.isDigit(s.charAt(j))) {
                        j++;
                    }
                }
                out.add(s.substring(i, j).replace("_", ""));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || s.charAt(j) == '.')) {
                    j++;
                }
                String word = s.substring(i, j);
                switch (word.toLowerCase(Locale.ROOT)) {
                    case "and": out.add("&&"); break;
                    case "or": out.add("||"); break;
                    case "not": out.add("!"); break;
                    default: out.add(word);
                }
                i = j;
            } else if (c == '"' || c == '\'') {
                int j = s.indexOf(c, i + 1);
                if (j < 0) {
                    throw new ExprException("unterminated string");
                }
                out.add("\"" + s.substring(i + 1, j));
                i = j + 1;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("<=", ">=", "==", "!=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("+-*/%()<>!".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new ExprException("unexpected character '" + c + "'");
                }
            }
        }
        return out;
    }
}
