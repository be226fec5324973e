package org.arrayflow.tensor;

/**
 * What a workload says about one tensor of a layer: its datatype (null: the architecture's own, its word or,
 * for partial sums, its accumulator) and its density.
 */
public record TensorSpec(Datatype datatype, Density density) {
    public static final TensorSpec DEFAULT = new TensorSpec(null, Density.DENSE);

    public TensorSpec {
        if (density == null) {
            throw new IllegalArgumentException("a tensor needs a density (Density.DENSE if it has no zeros)");
        }
    }

    public TensorSpec withDatatype(Datatype d) {
        return new TensorSpec(d, density);
    }
}
