package org.arrayflow.tensor;

import java.util.List;
import java.util.Locale;

/**
 * How one element of a tensor is represented: its arithmetic width in bits (what a multiplier or an access
 * of that width costs), and the bits memory spends on it. Types of 8 bits or more take whole bytes (a 12-bit
 * word is stored in 16 bits, tf32's 19 in 32); narrower types pack (two int4 per byte). Sizes are therefore
 * computed for a run of elements, never per element: {@link #bytes(long)}.
 *
 * @param name        as written in inputs and reports (int8, fp16, bf16, word16, ...)
 * @param bits        arithmetic width
 * @param storageBits bits of memory per element
 * @param floating    a floating-point format
 */
public record Datatype(String name, int bits, int storageBits, boolean floating) {
    public static final Datatype INT2 = integer(2);
    public static final Datatype INT4 = integer(4);
    public static final Datatype INT8 = integer(8);
    public static final Datatype INT16 = integer(16);
    public static final Datatype INT32 = integer(32);
    /** 8-bit floats: 4 exponent and 3 mantissa bits (IBM's HFP8 forward format), or 5 and 2 (backward). */
    public static final Datatype FP8_E4M3 = new Datatype("fp8-e4m3", 8, 8, true);
    public static final Datatype FP8_E5M2 = new Datatype("fp8-e5m2", 8, 8, true);
    public static final Datatype FP16 = new Datatype("fp16", 16, 16, true);
    public static final Datatype BF16 = new Datatype("bf16", 16, 16, true);
    /** NVIDIA's TensorFloat-32: 19 significant bits, stored as fp32. */
    public static final Datatype TF32 = new Datatype("tf32", 19, 32, true);
    public static final Datatype FP32 = new Datatype("fp32", 32, 32, true);

    /**
     * The narrowest architecture word ({@code word_bits}). Words are stored in whole bytes ({@link #word}), so a
     * narrower one would be counted two ways: moved and stored as 8 bits, but priced in accesses of buffers that
     * default to its own width. Sub-byte types are the named int4 and int2, which pack.
     */
    public static final int MIN_WORD_BITS = 8;

    /** The named types, in the order they are listed to users. */
    public static final List<Datatype> NAMED = List.of(INT2, INT4, INT8, INT16, INT32, FP8_E4M3, FP8_E5M2, FP16, BF16,
            TF32, FP32);

    public Datatype {
        if (bits < 1 || storageBits < bits) {
            throw new IllegalArgumentException("datatype " + name + ": " + bits + " bits stored in " + storageBits);
        }
    }

    /**
     * An architecture's word of {@code bits} (its {@code word_bits} or accumulator width): an integer stored in
     * whole bytes, at least one, as every architecture file has always meant it.
     */
    public static Datatype word(int bits) {
        return new Datatype(WORD + bits, bits, 8 * Math.max(1, (bits + 7) / 8), false);
    }

    private static final String WORD = "word";

    /** Whether this is an architecture's plain word ({@link #word}), not a datatype a user named. */
    public boolean isWord() {
        return name().startsWith(WORD);
    }

    private static Datatype integer(int bits) {
        return new Datatype("int" + bits, bits, bits, false);
    }

    /** A named type ({@link #NAMED}), or null. */
    public static Datatype named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Datatype d : NAMED) {
            if (d.name.equals(n)) {
                return d;
            }
        }
        return null;
    }

    /** Bytes that {@code elements} elements take in memory, packed: ceil(elements x storage bits / 8). */
    public long bytes(long elements) {
        if (storageBits % 8 == 0) {
            return elements * (storageBits / 8);
        }
        return (Math.multiplyExact(elements, storageBits) + 7) / 8;
    }

    /**
     * Bits of the significand a multiplier works on: an integer's width; a float's mantissa plus its hidden bit
     * (fp16 11, bf16 8, tf32 11, fp32 24, fp8-e4m3 4, fp8-e5m2 3).
     */
    public int significandBits() {
        if (!floating) {
            return bits;
        }
        switch (name) {
            case "fp8-e4m3": return 4;
            case "fp8-e5m2": return 3;
            case "bf16": return 8;
            case "fp16":
            case "tf32": return 11;
            default: return 24;
        }
    }

    /**
     * The same arithmetic: an architecture's {@code word8} is {@code int8}; floats of one width differ by
     * format (fp16 is not bf16).
     */
    public boolean sameArithmetic(Datatype o) {
        return floating == o.floating && bits == o.bits && (!floating || name.equals(o.name));
    }

    /**
     * Whether every value of this type is exact in {@code wider} (so a unit of that type can compute it): an
     * integer in a wider integer or in a float with at least as many bits, a float in a wider float.
     */
    public boolean fitsIn(Datatype wider) {
        if (sameArithmetic(wider)) {
            return true;
        }
        if (floating) {
            return wider.floating && bits < wider.bits && significandBits() <= wider.significandBits();
        }
        return wider.floating ? bits <= wider.significandBits() : bits <= wider.bits;
    }

    @Override
    public String toString() {
        return name;
    }
}
