package org.arrayflow.workload;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * What a layer may count, checked when {@link Layers} builds it, so that no count a result reports wraps
 * around: multiply-accumulates and element operations are longs, a tensor's elements for the batch must leave
 * room for its bytes at the widest element (8 bytes: {@code word_bits} and {@code accumulator_bits} are at most
 * 64), and the independent products of a matmul (heads x batch) are counted in an int. Past a bound, a
 * {@link LayerException} names the layer and says by how much.
 */
final class Counts {
    private Counts() {}

    /** The most a count of operations can be. */
    static final long MAX_COUNT = Long.MAX_VALUE;
    /** Bytes of the widest element an architecture stores (a 64-bit word or accumulator). */
    static final int WIDEST_ELEMENT_BYTES = 8;
    /** The most elements a tensor can have for the batch: their bytes at the widest element must be countable. */
    static final long MAX_ELEMENTS = Long.MAX_VALUE / WIDEST_ELEMENT_BYTES;

    /** The product of {@code factors} as a count of {@code what} (MACs, element operations), or the error. */
    static long operations(String layer, String what, long... factors) {
        try {
            return exact(factors);
        } catch (ArithmeticException e) {
            String[] shown = shown(product(factors), MAX_COUNT);
            throw new LayerException(null, "layer '" + layer + "': " + shown[0] + " " + what
                    + " exceed what can be counted (at most " + shown[1] + ")");
        }
    }

    /** Checks that a tensor of {@code factors} elements (per image, times the batch) has countable bytes. */
    static void elements(String layer, String tensor, long... factors) {
        BigInteger n = product(factors);
        if (n.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            String[] shown = shown(n, MAX_ELEMENTS);
            throw new LayerException(null, "layer '" + layer + "': " + tensor + " of " + shown[0]
                    + " elements for the batch exceeds what can be counted in bytes (at most " + shown[1]
                    + " elements, of up to " + WIDEST_ELEMENT_BYTES + " bytes each)");
        }
    }

    /** Checks each input, the inputs together and the output of a layer, for the batch. */
    static void tensors(String layer, List<String> names, List<Shape> in, Shape out, int batch) {
        BigInteger together = BigInteger.ZERO;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i);
            String what = in.size() == 1 || names.size() != in.size() ? "the input" : "input '" + names.get(i) + "'";
            elements(layer, what, s.channels(), s.height(), s.width(), batch);
            together = together.add(BigInteger.valueOf(s.elements() * batch));
        }
        if (together.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            String[] shown = shown(together, MAX_ELEMENTS);
            throw new LayerException(null, "layer '" + layer + "': its inputs together have " + shown[0]
                    + " elements for the batch, more than can be counted in bytes (at most " + shown[1] + ")");
        }
        elements(layer, "the output", out.channels(), out.height(), out.width(), batch);
    }

    /** The number of independent products of a matmul, heads x batch, which every kind counts in an int. */
    static int products(String layer, int heads, int batch) {
        long n = (long) heads * batch;
        if (n > Integer.MAX_VALUE) {
            throw new LayerException(null, "layer '" + layer + "': " + heads + " heads x batch " + batch + " = " + n
                    + " products exceed the " + Integer.MAX_VALUE + " that can be counted");
        }
        return (int) n;
    }

    /** {@code total + add} as a network's total of {@code what}, or an error at the layer that overflows it. */
    static long total(String layer, String what, long total, long add) {
        try {
            return Math.addExact(total, add);
        } catch (ArithmeticException e) {
            String[] shown = shown(BigInteger.valueOf(total).add(BigInteger.valueOf(add)), MAX_COUNT);
            throw new LayerException(null, "layer '" + layer + "': the workload's " + what + " up to this layer, "
                    + shown[0] + ", exceed what can be counted (at most " + shown[1] + ")");
        }
    }

    private static long exact(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    private static BigInteger product(long... factors) {
        BigInteger p = BigInteger.ONE;
        for (long f : factors) {
            p = p.multiply(BigInteger.valueOf(f));
        }
        return p;
    }

    /** A count past a bound and the bound, in two digits, or in full where two digits would not tell them apart. */
    private static String[] shown(BigInteger value, long bound) {
        String v = sci(value.doubleValue());
        String b = sci(bound);
        return v.equals(b) ? new String[] {value.toString(), Long.toString(bound)} : new String[] {v, b};
    }

    /** Two significant digits in scientific notation: 2.7e19. */
    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v).replaceFirst("e\\+0?", "e");
    }
}
