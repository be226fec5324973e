package org.arrayflow.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Formatter;
import java.util.Locale;

/**
 * Number formatting that does not depend on the machine's locale, so outputs are byte-identical. Reports of
 * thousands of layers format millions of numbers, so the common forms avoid {@code String.format}'s cost per
 * call (a new Formatter and locale symbols each time) and give the same strings.
 */
public final class Fmt {
    private static final MathContext NINE_DIGITS = new MathContext(9);
    private static final String[] ZEROS = {"0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"};
    private static final String[] FIXED = {"%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f"};

    /** One Formatter per thread over a reused buffer: the same output as {@code String.format(Locale.ROOT, ...)}. */
    private static final ThreadLocal<Formatter> FORMATTER =
            ThreadLocal.withInitial(() -> new Formatter(new StringBuilder(), Locale.ROOT));

    private Fmt() {}

    /**
     * {@code v} with {@code decimals} decimals, exactly as {@code %.Nf} writes it: the shortest decimal digits
     * of the value rounded half up (Formatter's rule), with a minus sign for any negative value, -0.0 included.
     * Those digits are {@link Double#toString}'s for every value from 1e-3 up (below that, Double.toString may
     * give more digits than Formatter uses), so the common range is rounded on them ({@link ShortDecimal}), the
     * rest by a Formatter.
     */
    public static String fixed(double v, int decimals) {
        String known = NumberTexts.get(v, decimals);
        return known != null ? known : NumberTexts.put(v, decimals, fixedText(v, decimals));
    }

    private static String fixedText(double v, int decimals) {
        double a = Math.abs(v);
        if (a >= 1e-3 && a <= Double.MAX_VALUE) {
            String s = ShortDecimal.of(a).fixed(decimals);
            return v < 0 ? "-" + s : s;
        }
        if (a == 0 && decimals < ZEROS.length) {
            return Double.compare(v, 0.0) < 0 ? "-" + ZEROS[decimals] : ZEROS[decimals];
        }
        return formatted(v, decimals);
    }

    private static String formatted(double v, int decimals) {
        Formatter f = FORMATTER.get();
        StringBuilder sb = (StringBuilder) f.out();
        sb.setLength(0);
        f.format(decimals < FIXED.length ? FIXED[decimals] : "%." + decimals + "f", v);
        return sb.toString();
    }

    /** Thousands separators for the terminal table and report cells, as {@code %,d} writes them (1,234,567). */
    public static String grouped(long v) {
        String digits = Long.toString(v);
        int start = v < 0 ? 1 : 0;
        int n = digits.length() - start;
        if (n <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + n / 3);
        sb.append(digits, 0, start);
        int first = n % 3 == 0 ? 3 : n % 3;
        sb.append(digits, start, start + first);
        for (int i = start + first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** Engineering form for large values: 4.09G, 512.0M, 12.3k. */
    public static String si(double v) {
        double a = Math.abs(v);
        if (a >= 1e12) {
            return fixed(v / 1e12, 2) + "T";
        }
        if (a >= 1e9) {
            return fixed(v / 1e9, 2) + "G";
        }
        if (a >= 1e6) {
            return fixed(v / 1e6, 2) + "M";
        }
        if (a >= 1e3) {
            return fixed(v / 1e3, 2) + "k";
        }
        return fixed(v, 2);
    }

    /** An amount of data in decimal units with 2 decimals, as text shows traffic: 812 B, 12.30 kB, 27.81 MB, 1.20 GB. */
    public static String bytes(long b) {
        long a = Math.abs(b);
        if (a >= 1_000_000_000L) {
            return fixed(b / 1e9, 2) + " GB";
        }
        if (a >= 1_000_000L) {
            return fixed(b / 1e6, 2) + " MB";
        }
        if (a >= 1_000L) {
            return fixed(b / 1e3, 2) + " kB";
        }
        return b + " B";
    }

    /** A double with 9 significant digits in plain notation (no exponent, no trailing zeros): CSV and HTML. */
    public static String num(double v) {
        String known = NumberTexts.get(v, NumberTexts.NUM);
        return known != null ? known : NumberTexts.put(v, NumberTexts.NUM, numText(v));
    }

    private static String numText(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        // Rounding the value's short decimal form (Double.toString's) instead of its exact binary value gives the
        // same 9 digits, the two being less than half an ulp apart, unless a 9-digit rounding tie lies between
        // them; such a tie would make the short form round to ...5 at 10 digits, and only then is the exact value
        // expanded. With at most 9 digits the short form is the answer itself.
        ShortDecimal shortest = ShortDecimal.of(Math.abs(v));
        if (shortest.tenthDigitRoundsToFive()) {
            return new BigDecimal(v).round(NINE_DIGITS).stripTrailingZeros().toPlainString();
        }
        String s = shortest.significant(9);
        return v < 0 ? "-" + s : s;
    }

    /** Whole number from 100 up, else 3 significant digits: 45875, 34, 0.4, 1.02. */
    public static String short3(double v) {
        if (Math.abs(v) >= 100 || v == 0) {
            return fixed(v, 0);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
