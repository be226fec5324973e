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
 * stored compressed on some levels. {@code zeroSkipIndexBits}: above 0, the array skips the zero weights of any
 * pruned layer (Cambricon-X), each PE holding its kept weights with an index of that many bits, at the pace of
 * the busiest PE ({@link LoadImbalance}). Nothing declared: zeros are stored, moved and multiplied like any
 * value.
 */
public record Sparsity(Density structured, int structuredMetadataBits, Set<Tensor> gating,
                       Map<Tensor, Compression> compression, int zeroSkipIndexBits) {
    public static final Sparsity NONE = new Sparsity(null, 0, EnumSet.noneOf(Tensor.class), new EnumMap<>(Tensor.class),
            0);

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

    /** Whether the array skips the zeros of weights at density {@code d} that its structured mode does not take. */
    public boolean zeroSkips(Density d) {
        return zeroSkipIndexBits > 0 && !d.dense() && !structuredFits(d);
    }

    /**
     * The fraction of performed MAC slots that do a MAC with all gating operands non-zero (zeros independent
     * across operands). Where the array skipped weights, it performed {@code keptShare} of the dense MACs, and
     * the weights it multiplies are denser by 1 / keptShare. A zero-skipping array's slots beyond a PE's own
     * non-zeros (it waits for the busiest) do no MAC at all, whatever is gated.
     */
    public double ungatedFraction(Precision p, double keptShare, boolean zeroSkipped) {
        double f = 1;
        for (Tensor t : gating) {
            if (t != Tensor.WEIGHT || !zeroSkipped) {
                double d = p.density(t).fraction();
                f *= t == Tensor.WEIGHT ? Math.min(1, d / keptShare) : d;
            }
        }
        if (zeroSkipped) {
            f *= Math.min(1, p.density(Tensor.WEIGHT).fraction() / keptShare);
        }
        return f;
    }
}
