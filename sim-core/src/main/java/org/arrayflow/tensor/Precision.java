package org.arrayflow.tensor;

import java.util.EnumMap;

/**
 * The datatype in force for each tensor of one layer on one architecture: the workload's where it states
 * one, else the architecture's (its word for ifmaps, weights and outputs, its accumulator for partial sums).
 * Every size and count in bytes is computed here, from bits, so sub-byte types pack.
 */
public final class Precision {
    private final EnumMap<Tensor, Datatype> types;

    private Precision(EnumMap<Tensor, Datatype> types) {
        this.types = types;
    }

    /** An architecture's defaults: {@code word} for ifmaps, weights and outputs, {@code accumulator} for psums. */
    public static Precision of(Datatype word, Datatype accumulator) {
        EnumMap<Tensor, Datatype> m = new EnumMap<>(Tensor.class);
        for (Tensor t : Tensor.values()) {
            m.put(t, t == Tensor.PSUM ? accumulator : word);
        }
        return new Precision(m);
    }

    /** These defaults with what a layer states for its tensors. */
    public Precision resolve(TensorSpecs specs) {
        if (specs.allDefault()) {
            return this;
        }
        EnumMap<Tensor, Datatype> m = new EnumMap<>(types);
        for (var e : specs.stated().entrySet()) {
            if (e.getValue().datatype() != null) {
                m.put(e.getKey(), e.getValue().datatype());
            }
        }
        return new Precision(m);
    }

    public Datatype type(Tensor t) {
        return types.get(t);
    }

    /** Arithmetic width of a tensor's elements. */
    public int bits(Tensor t) {
        return types.get(t).bits();
    }

    /** Bytes of {@code elements} elements of a tensor in memory. */
    public long bytes(Tensor t, long elements) {
        return types.get(t).bytes(elements);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Precision p && p.types.equals(types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return types.toString();
    }
}
