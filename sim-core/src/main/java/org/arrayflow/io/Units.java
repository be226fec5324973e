package org.arrayflow.io;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The units of every file Arrayflow writes (docs/outputs.md, "Units"): time in seconds, energy in joules,
 * data in whole bytes, each named by its suffix ({@code _s}, {@code _j}, {@code _bytes}); the simulator counts
 * energy in pJ, so files convert once, here. Numbers that are not whole are written with 9 significant digits
 * in plain notation, never with an exponent.
 */
public final class Units {
    private static final MathContext NINE_DIGITS = new MathContext(9);

    private Units() {}

    /** Picojoules (the energy tables' unit) to joules. */
    public static double joules(double pj) {
        return pj / 1e12;
    }

    /**
     * {@code v} with 9 significant digits in plain notation, trailing zeros dropped ({@code 0.00000892829959},
     * {@code 720803}, {@code 0}): the same digits as the report module's CSV cells.
     */
    public static String plain(double v) {
        return plain(v, NINE_DIGITS);
    }

    /** {@link #plain(double)} with {@code digits} significant digits (a summary line: 6). */
    public static String plain(double v, int digits) {
        return plain(v, new MathContext(digits));
    }

    private static String plain(double v, MathContext mc) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(mc).stripTrailingZeros().toPlainString();
    }
}
