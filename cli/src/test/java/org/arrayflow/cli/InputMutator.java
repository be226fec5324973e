package org.arrayflow.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates the text of a YAML input the way users and corrupted files do: a value replaced by an extreme or
 * a wrong type, a key deleted or duplicated, an indentation broken, a tab, the file cut short, binary bytes,
 * an alias bomb, deep nesting, a dimension blown up. Works on the text (keys and scalars found by pattern),
 * so it reaches inputs a tree mutation could not write. Deterministic for a given {@link Random}.
 */
final class InputMutator {
    /** {@code key: value} in block or flow style; group 1 the key, group 2 the scalar value. */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*): ([^,{}\\[\\]\\n#]+?)(?=\\s*[,}\\]\\n#]|$)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String[] EXTREMES = {"-1", "0", "1", "2147483647", "2147483648", "4294967297",
        "9223372036854775807", "99999999999999999999", "1e308", "-1e308", ".nan", ".inf", "-.inf", "1e-300", "1e-9",
        "0.5", "65536", "1000000000", "-0"};
    private static final String[] WRONG_TYPES = {"abc", "[1, 2]", "{x: 1}", "null", "true", "\"\"", "~", "[]", "{}",
        "\"名前🙂\u202e\"", "'" + "x".repeat(5000) + "'"};
    /** Keys whose values size a layer or an array: multiplied to make a run very large. */
    private static final Pattern DIMENSION = Pattern.compile("(filters|outputs|channels|height|width|kernel|rows|cols|"
            + "m|n|k|batch|size_kib|heads|seq_len|hidden|tile_[a-z]+): (\\d+)");

    private final Random random;

    InputMutator(Random random) {
        this.random = random;
    }

    /** One to three mutations of {@code text}; the bytes to write (not always valid UTF-8). */
    byte[] mutate(String text, List<String> applied) {
        String t = text;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(14);
            if (kind == 13) {
                applied.add("binary");
                return binary(t);
            }
            String before = t;
            t = switch (kind) {
                case 0, 1, 2 -> replaceValue(t, EXTREMES[random.nextInt(EXTREMES.length)], true);
                case 3, 4 -> replaceValue(t, WRONG_TYPES[random.nextInt(WRONG_TYPES.length)], false);
                case 5 -> deleteKey(t);
                case 6 -> duplicateLine(t);
                case 7 -> indent(t);
                case 8 -> tab(t);
                case 9 -> t.substring(0, random.nextInt(t.length() + 1));
                case 10 -> aliasBomb(t);
                case 11 -> deepNesting(t);
                default -> blowUp(t);
            };
            applied.add(new String[] {"extreme", "extreme", "extreme", "type", "type", "delete", "duplicate",
                "indent", "tab", "truncate", "alias-bomb", "nesting", "blow-up"}[kind] + (t.equals(before) ? "(no-op)" : ""));
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    private List<int[]> pairs(String t, boolean numericOnly) {
        List<int[]> out = new ArrayList<>();
        Matcher m = PAIR.matcher(t);
        while (m.find()) {
            if (!numericOnly || NUMBER.matcher(m.group(2).trim()).matches()) {
                out.add(new int[] {m.start(), m.end(), m.start(2), m.end(2)});
            }
        }
        return out;
    }

    private String replaceValue(String t, String value, boolean numericOnly) {
        List<int[]> p = pairs(t, numericOnly);
        if (p.isEmpty()) {
            return t;
        }
        int[] at = p.get(random.nextInt(p.size()));
        return t.substring(0, at[2]) + value + t.substring(at[3]);
    }

    private String deleteKey(String t) {
        List<int[]> p = pairs(t, false);
        if (p.isEmpty()) {
            return t;
        }
        int[] at = p.get(random.nextInt(p.size()));
        String rest = t.substring(at[1]);
        if (rest.startsWith(", ")) {
            rest = rest.substring(2);
        }
        return t.substring(0, at[0]) + rest;
    }

    private String duplicateLine(String t) {
        String[] lines = t.split("\n", -1);
        int i = random.nextInt(lines.length);
        List<String> out = new ArrayList<>(List.of(lines));
        out.add(i, lines[i]);
        return String.join("\n", out);
    }

    private String indent(String t) {
        String[] lines = t.split("\n", -1);
        int i = random.nextInt(lines.length);
        lines[i] = " ".repeat(1 + random.nextInt(3)) + lines[i];
        return String.join("\n", lines);
    }

    private String tab(String t) {
        int i = random.nextInt(t.length() + 1);
        return t.substring(0, i) + "\t" + t.substring(i);
    }

    private byte[] binary(String t) {
        byte[] b = t.getBytes(StandardCharsets.UTF_8);
        int from = random.nextInt(b.length + 1);
        int len = Math.min(b.length - from, 1 + random.nextInt(64));
        for (int i = 0; i < len; i++) {
            b[from + i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private String aliasBomb(String t) {
        StringBuilder sb = new StringBuilder("bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            sb.append("bomb").append(i).append(": &b").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*b").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb + t;
    }

    private String deepNesting(String t) {
        int depth = 200 + random.nextInt(2000);
        return replaceValue(t, "[".repeat(depth) + "1" + "]".repeat(depth), false);
    }

    private String blowUp(String t) {
        Matcher m = DIMENSION.matcher(t);
        List<int[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new int[] {m.start(2), m.end(2)});
        }
        if (found.isEmpty()) {
            return t;
        }
        int[] at = found.get(random.nextInt(found.size()));
        // as text: an earlier mutation may have left a value past the range of a long here
        java.math.BigInteger v = new java.math.BigInteger(t.substring(at[0], at[1]));
        long factor = new long[] {100, 1000, 100000, 10000000}[random.nextInt(4)];
        return t.substring(0, at[0]) + v.multiply(java.math.BigInteger.valueOf(factor)) + t.substring(at[1]);
    }
}
