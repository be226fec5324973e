package org.arrayflow.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double as Python's {@code repr} does (SCALE-Sim prints its reports with {@code str()}):
 * the shortest decimal that reads back to the same double, in positional notation when the decimal
 * exponent is in [-4, 16), otherwise as {@code 1.5e+16} / {@code 2e-05}; whole values keep a {@code .0}.
 * Java 17's {@code Double.toString} is not always the shortest and switches notation at other bounds.
 */
public final class PyFloat {
    private PyFloat() {}

    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                shortest = r;
                break;
            }
        }
        BigDecimal s = shortest.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exp10 = digits.length() - 1 - s.scale();
        String sign = v < 0 ? "-" : "";
        if (exp10 >= -4 && exp10 < 16) {
            String plain = s.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + String.format(java.util.Locale.ROOT, "%02d",
                Math.abs(exp10));
    }
}
