package org.arrayflow.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast paths of Fmt give exactly what String.format gives, over edge cases and random values. */
class FmtTest {
    @Test
    void groupedIsPercentCommaD() {
        long[] edge = {0, 7, -7, 999, 1000, -1000, 999_999, 1_000_000, -12_345_678, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : edge) {
            assertThat(Fmt.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
        Random rnd = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            assertThat(Fmt.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
    }

    @Test
    void numIsNineSignificantDigitsOfTheExactValue() {
        Random rnd = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            double v = switch (i % 3) {
                case 0 -> (rnd.nextInt(2_000_000) - 1_000_000) / Math.pow(10, rnd.nextInt(8));
                // ties of the 9-digit rounding, written with 10 digits
                case 1 -> (rnd.nextInt(900_000_000) + 100_000_000 + 0.5) * Math.pow(10, rnd.nextInt(20) - 12);
                default -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(30) - 12);
            };
            String exact = v == 0 ? "0" : new java.math.BigDecimal(v).round(new java.math.MathContext(9))
                    .stripTrailingZeros().toPlainString();
            assertThat(Fmt.num(v)).as("%s", v).isEqualTo(exact);
        }
    }

    @Test
    void fixedIsPercentDotNF() {
        double[] edge = {0.0, -0.0, 0.5, 1.5, 2.5, -0.0004, 0.15, 1e-9, 123456789.0125, 1e300, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        for (double v : edge) {
            for (int d = 0; d <= 8; d++) {
                assertThat(Fmt.fixed(v, d)).isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
        }
        Random rnd = new Random(2);
        for (int i = 0; i < 50_000; i++) {
            double v = (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(24) - 8);
            int d = rnd.nextInt(7);
            assertThat(Fmt.fixed(v, d)).as("%s to %d decimals", v, d)
                    .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
        }
        // values on a decimal tie at the rounding position (x.xx5), and around 1e-3 where the fast path starts
        for (int i = 0; i < 20_000; i++) {
            int d = rnd.nextInt(5);
            double v = (rnd.nextInt(2_000_000) - 1_000_000 + 0.5) / Math.pow(10, d);
            double w = 1e-3 * (1 + (rnd.nextDouble() - 0.5) * 1e-6);
            assertThat(Fmt.fixed(v, d)).as("%s to %d decimals", v, d)
                    .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            assertThat(Fmt.fixed(w, d + 3)).isEqualTo(String.format(Locale.ROOT, "%." + (d + 3) + "f", w));
        }
    }
}
