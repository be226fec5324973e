package org.arrayflow.report;

/**
 * The decimal digits {@link Double#toString} gives for a finite positive value, as 0.d1d2...dn x 10^exp with no
 * trailing zeros, and the two roundings reports need, done on those digits (no BigDecimal: a report of 10,000
 * layers formats about a million numbers). {@link Fmt} decides when these digits are the right ones to round.
 */
final class ShortDecimal {
    private final char[] digits;
    private final int n;
    private final int exp;

    private ShortDecimal(char[] digits, int n, int exp) {
        this.digits = digits;
        this.n = n;
        this.exp = exp;
    }

    /** The digits of {@code Double.toString(a)}, {@code a} finite and positive. */
    static ShortDecimal of(double a) {
        String s = NumberTexts.toString(a);
        int e = s.indexOf('E');
        int pointExp = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
        int end = e < 0 ? s.length() : e;
        char[] d = new char[end];
        int n = 0;
        int intDigits = 0;
        boolean seenPoint = false;
        int leadingZeros = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                seenPoint = true;
            } else if (n == 0 && c == '0') {
                if (seenPoint) {
                    leadingZeros++;
                }
            } else {
                d[n++] = c;
                if (!seenPoint) {
                    intDigits++;
                }
            }
        }
        while (n > 0 && d[n - 1] == '0') {
            n--;
        }
        // 0.d1...dn x 10^exp: digits before the point count up, leading zeros after it count down
        int exp = (intDigits > 0 ? intDigits : -leadingZeros) + pointExp;
        return new ShortDecimal(d, n, exp);
    }

    int precision() {
        return n;
    }

    /** The k-th significant digit (1-based), 0 past the last. */
    private int digit(int k) {
        return k >= 1 && k <= n ? digits[k - 1] - '0' : 0;
    }

    /** Whether rounding to 10 significant digits, half to even, ends in 5: where short and exact forms may part. */
    boolean tenthDigitRoundsToFive() {
        int d10 = digit(10);
        boolean up;
        int d11 = digit(11);
        if (d11 != 5) {
            up = d11 > 5;
        } else {
            up = n > 11 || d10 % 2 == 1;
        }
        return up ? d10 == 4 : d10 == 5;
    }

    /** Rounded half up to {@code places} digits after the point, written with exactly that many (as %.Nf). */
    String fixed(int places) {
        int keep = exp + places; // significant digits that stay
        char[] out;
        int e = exp;
        int m;
        if (keep < 0) {
            out = new char[0];
            m = 0;
        } else if (keep >= n) {
            out = java.util.Arrays.copyOf(digits, n);
            m = n;
        } else {
            out = java.util.Arrays.copyOf(digits, Math.max(keep, 1));
            m = keep;
            if (digit(keep + 1) >= 5) {
                int i = keep - 1;
                while (i >= 0 && out[i] == '9') {
                    out[i--] = '0';
                }
                if (i >= 0) {
                    out[i]++;
                } else {
                    // all nines (or nothing kept): one more digit in front
                    char[] grown = new char[m + 1];
                    grown[0] = '1';
                    System.arraycopy(out, 0, grown, 1, m);
                    out = grown;
                    m++;
                    e++;
                }
            }
        }
        return plain(out, m, e, places);
    }

    /** Rounded half up to {@code significant} digits, trailing zeros dropped, in plain notation (no exponent). */
    String significant(int significant) {
        if (n <= significant) {
            return plain(digits, n, exp, -1);
        }
        char[] out = java.util.Arrays.copyOf(digits, significant);
        int m = significant;
        int e = exp;
        if (digit(significant + 1) >= 5) {
            int i = significant - 1;
            while (i >= 0 && out[i] == '9') {
                out[i--] = '0';
            }
            if (i >= 0) {
                out[i]++;
            } else {
                out = new char[] {'1'};
                m = 1;
                e++;
            }
        }
        while (m > 1 && out[m - 1] == '0') {
            m--;
        }
        return plain(out, m, e, -1);
    }

    /**
     * 0.d1...dm x 10^e in plain notation: with exactly {@code places} digits after the point, or (places &lt; 0)
     * with as many as the digits need.
     */
    private static String plain(char[] d, int m, int e, int places) {
        StringBuilder sb = new StringBuilder(m + Math.max(places, 0) + 8);
        if (e <= 0) {
            sb.append('0');
        } else {
            for (int i = 0; i < e; i++) {
                sb.append(i < m ? d[i] : '0');
            }
        }
        int fraction = places >= 0 ? places : Math.max(0, m - e);
        if (fraction > 0) {
            sb.append('.');
            for (int i = 0; i < fraction; i++) {
                int k = e + i; // index into the digits of the (i + 1)-th digit after the point
                sb.append(k >= 0 && k < m ? d[k] : '0');
            }
        }
        return sb.toString();
    }
}
