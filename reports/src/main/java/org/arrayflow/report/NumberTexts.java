package org.arrayflow.report;

/**
 * The texts of numbers formatted last, by value and form. A report repeats few values many times: the 10,010
 * layers of a generated transformer format about 370,000 numbers with 155 distinct values, because identical
 * blocks give identical figures. The conversions behind the texts ({@code Double.toString}, the roundings of
 * {@link ShortDecimal}) are slow and costly to compile: on that run the just-in-time compilation of
 * {@code FloatingDecimal.dtoa} alone took about 0.7 CPU-seconds (JFR). A miss costs one conversion, so a text
 * never differs from what the conversion gives.
 */
final class NumberTexts {
    /** Forms: {@code Double.toString}, {@link Fmt#num}; {@link Fmt#fixed} with d decimals is form d. */
    static final int TO_STRING = -2;
    static final int NUM = -1;

    private static final int BITS = 11;
    /** Slots picked by a hash of value and form, shared by threads without locks: an entry's fields are final,
     * so a thread sees a whole entry or an older one, never a torn one, and a lost write is only a miss. */
    private static final Entry[] SLOTS = new Entry[1 << BITS];

    private record Entry(long bits, int form, String text) {}

    private NumberTexts() {}

    /** The remembered text of {@code v} in {@code form}, or null. */
    static String get(double v, int form) {
        long bits = Double.doubleToRawLongBits(v);
        Entry e = SLOTS[slot(bits, form)];
        return e != null && e.bits == bits && e.form == form ? e.text : null;
    }

    static String put(double v, int form, String text) {
        long bits = Double.doubleToRawLongBits(v);
        SLOTS[slot(bits, form)] = new Entry(bits, form, text);
        return text;
    }

    /** {@code Double.toString(v)}. */
    static String toString(double v) {
        String s = get(v, TO_STRING);
        return s != null ? s : put(v, TO_STRING, Double.toString(v));
    }

    static int slot(long bits, int form) {
        return (int) (((bits + form) * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
    }
}
