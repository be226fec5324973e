package org.arrayflow.tensor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What an architecture does with zeros. {@code structured}: the array skips the pruned weights of an N:M
 * pattern (it computes only the kept ones, picking their activations with the metadata), so a layer whose
 * weights fit the pattern does N/M of the dense MACs. {@code gating}: a zero in one of these operands gates its
 * MAC (and the per-MAC operand reads where the kind has them): energy, not time. {@code compression}: tensors
 * stored compressed on some levels. Nothing declared: zeros are stored, moved and multiplied like any value.
 */
public record Sparsity(Density structured, int structuredMetadataBits, Set<Tensor> gating,
                       Map<Tensor, Compression> compression) {
    public static final Sparsity NONE = new Sparsity(null, 0, EnumSet.noneOf(Tensor.class), new EnumMap<>(Tensor.class));

    public Sparsity {
        gating = gating.isEmpty() ? EnumSet.noneOf(Tensor.class) : EnumSet.copyOf(gating);
        compression = compression.isEmpty() ? new EnumMap<>(Tensor.class) : new EnumMap<>(compression);
    }

    /**
     * Whether weights at density {@code d} fit the structured pattern: N':M' with M' a multiple of M and N' at
     * most N (2:8 fits 2:4: no group of four holds more than two), or N' at most N of the same M.
     */
    public boolean structuredFits(Density d) {
        return structured != null && d.structured() && d.m() % structured.m() == 0 && d.n() <= structured.n();
    }

    /**
     * The fraction of performed MACs whose gating operands are all non-zero (zeros independent across operands).
     * Where the array skipped the pruned weights of its pattern, the weights it multiplies are the kept ones,
     * denser by M / N.
     */
    public double ungatedFraction(Precision p, boolean structuredSkipped) {
        double f = 1;
        for (Tensor t : gating) {
            double d = p.density(t).fraction();
            if (t == Tensor.WEIGHT && structuredSkipped) {
                d = Math.min(1, d / structured.fraction());
            }
            f *= d;
        }
        return f;
    }
}
