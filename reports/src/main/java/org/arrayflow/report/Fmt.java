package org.arrayflow.report;

import java.util.Locale;

/** Number formatting that does not depend on the machine's locale, so outputs are byte-identical. */
public final class Fmt {
    private Fmt() {}

    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Thousands separators for the terminal table. */
    public static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
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

    /** A double with 9 significant digits in plain notation (no exponent, no trailing zeros): CSV and HTML. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }

    /** Whole number from 100 up, else 3 significant digits: 45875, 34, 0.4, 1.02. */
    public static String short3(double v) {
        if (Math.abs(v) >= 100 || v == 0) {
            return fixed(v, 0);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    public static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
