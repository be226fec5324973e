package org.arrayflow.tensor;

import java.util.Arrays;

/**
 * The datatype in force for each tensor of one layer on one architecture: the workload's where it states
 * one, else the architecture's (its word for ifmaps, weights and outputs, its accumulator for partial sums).
 * Every size and count in bytes is computed here, from bits, so sub-byte types pack.
 */
public final class Precision {
    private static final Tensor[] TENSORS = Tensor.values();
    /** Datatype of each tensor, by ordinal: an array, not a map, because sizes are asked for in the inner loops. */
    private final Datatype[] types;
    /** Whole bytes per element of each tensor, or 0 where elements pack below a byte boundary. */
    private final int[] wholeBytes;
    /** Density of each tensor, by ordinal. */
    private final Density[] densities;
    /** How each tensor is stored compressed, by ordinal (null: dense everywhere). */
    private final Compression[] compression;

    private Precision(Datatype[] types) {
        this(types, dense(), new Compression[TENSORS.length]);
    }

    private Precision(Datatype[] types, Density[] densities, Compression[] compression) {
        this.types = types;
        this.densities = densities;
        this.compression = compression;
        this.wholeBytes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            int bits = types[i].storageBits();
            wholeBytes[i] = bits % 8 == 0 ? bits / 8 : 0;
        }
    }

    /** An architecture's defaults: {@code word} for ifmaps, weights and outputs, {@code accumulator} for psums. */
    public static Precision of(Datatype word, Datatype accumulator) {
        Datatype[] m = new Datatype[TENSORS.length];
        for (Tensor t : TENSORS) {
            m[t.ordinal()] = t == Tensor.PSUM ? accumulator : word;
        }
        return new Precision(m);
    }

    private static final int MAX_SHARED_BITS = 64;
    private static final Precision[] SHARED_WORDS = new Precision[(MAX_SHARED_BITS + 1) * (MAX_SHARED_BITS + 1)];

    /**
     * An architecture's defaults from its word and accumulator widths ({@link Datatype#word}). Planners ask for
     * them per layer, so each pair is made once and shared (a racing second copy is equal and harmless: the
     * object is immutable).
     */
    public static Precision words(int wordBits, int accumulatorBits) {
        if (wordBits < 1 || accumulatorBits < 1 || wordBits > MAX_SHARED_BITS || accumulatorBits > MAX_SHARED_BITS) {
            return of(Datatype.word(wordBits), Datatype.word(accumulatorBits));
        }
        int i = wordBits * (MAX_SHARED_BITS + 1) + accumulatorBits;
        Precision p = SHARED_WORDS[i];
        if (p == null) {
            p = of(Datatype.word(wordBits), Datatype.word(accumulatorBits));
            SHARED_WORDS[i] = p;
        }
        return p;
    }

    private static Density[] dense() {
        Density[] d = new Density[TENSORS.length];
        java.util.Arrays.fill(d, Density.DENSE);
        return d;
    }

    /** These defaults with what a layer states for its tensors. */
    public Precision resolve(TensorSpecs specs) {
        if (specs.allDefault()) {
            return this;
        }
        Datatype[] m = types.clone();
        Density[] d = densities.clone();
        for (var e : specs.stated().entrySet()) {
            if (e.getValue().datatype() != null) {
                m[e.getKey().ordinal()] = e.getValue().datatype();
            }
            d[e.getKey().ordinal()] = e.getValue().density();
        }
        return new Precision(m, d, compression);
    }

    /** This precision with tensors stored compressed where an architecture says so. */
    public Precision withCompression(java.util.Map<Tensor, Compression> formats) {
        if (formats.isEmpty()) {
            return this;
        }
        Compression[] c = compression.clone();
        formats.forEach((t, f) -> c[t.ordinal()] = f);
        return new Precision(types, densities, c);
    }

    public Density density(Tensor t) {
        return densities[t.ordinal()];
    }

    /** How a tensor is stored compressed, or null. */
    public Compression compression(Tensor t) {
        return compression[t.ordinal()];
    }

    /**
     * Bytes of {@code elements} elements of a tensor as a memory level holds them: compressed if the architecture
     * stores the tensor compressed there, else {@link #bytes(Tensor, long)}.
     */
    public long bytesAt(String level, Tensor t, long elements) {
        Compression c = compression[t.ordinal()];
        if (c == null || !c.covers(level)) {
            return bytes(t, elements);
        }
        return c.bytes(types[t.ordinal()], densities[t.ordinal()], elements);
    }

    public Datatype type(Tensor t) {
        return types[t.ordinal()];
    }

    /**
     * The type a layer's multipliers work in: the wider of its two operands (ifmap and weight), a float where
     * the widths tie (int8 weights with fp16 activations multiply in fp16).
     */
    public Datatype multiplyType() {
        Datatype a = type(Tensor.IFMAP);
        Datatype b = type(Tensor.WEIGHT);
        if (a.bits() != b.bits()) {
            return a.bits() > b.bits() ? a : b;
        }
        return b.floating() ? b : a;
    }

    /** Arithmetic width of a tensor's elements. */
    public int bits(Tensor t) {
        return types[t.ordinal()].bits();
    }

    /** Bytes of {@code elements} elements of a tensor in memory (the same as its datatype's {@code bytes}). */
    public long bytes(Tensor t, long elements) {
        int whole = wholeBytes[t.ordinal()];
        return whole > 0 ? elements * whole : types[t.ordinal()].bytes(elements);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Precision p && Arrays.equals(p.types, types) && Arrays.equals(p.densities, densities)
                && Arrays.equals(p.compression, compression);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(types) + Arrays.hashCode(densities)) + Arrays.hashCode(compression);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Tensor t : TENSORS) {
            sb.append(sb.length() == 1 ? "" : ", ").append(t).append('=').append(types[t.ordinal()]);
        }
        return sb.append('}').toString();
    }
}
