package org.arrayflow.tensor;

import java.util.EnumMap;
import java.util.Map;

/** The {@link TensorSpec} of each tensor of a layer (input, weight, partial sum, output). Immutable. */
public final class TensorSpecs {
    /** Every tensor at the architecture's datatypes, dense: what a workload means when it says nothing. */
    public static final TensorSpecs DEFAULT = new TensorSpecs(new EnumMap<>(Tensor.class));

    private final EnumMap<Tensor, TensorSpec> specs;

    private TensorSpecs(EnumMap<Tensor, TensorSpec> specs) {
        this.specs = specs;
    }

    public TensorSpec get(Tensor t) {
        return specs.getOrDefault(t, TensorSpec.DEFAULT);
    }

    public TensorSpecs with(Tensor t, TensorSpec s) {
        EnumMap<Tensor, TensorSpec> m = new EnumMap<>(specs);
        if (s.equals(TensorSpec.DEFAULT)) {
            m.remove(t);
        } else {
            m.put(t, s);
        }
        return new TensorSpecs(m);
    }

    public boolean allDefault() {
        return specs.isEmpty();
    }

    /** The tensors a workload gave something for. */
    public Map<Tensor, TensorSpec> stated() {
        return java.util.Collections.unmodifiableMap(specs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpecs t && t.specs.equals(specs);
    }

    @Override
    public int hashCode() {
        return specs.hashCode();
    }

    @Override
    public String toString() {
        return specs.toString();
    }
}
