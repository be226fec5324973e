package org.arrayflow.kind.tiled;

import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.LoadImbalance;
import org.arrayflow.tensor.Sparse;

import java.util.HashMap;
import java.util.Map;

/**
 * Zero skipping on the Tm x Tn engine, as Cambricon-X does it: each of the Tm output lanes (a PE) holds only the
 * kept weights of its output channel, with an index each, and its Tn multipliers take Tn kept weights (and the
 * inputs the index selects) per cycle. A PE's share of one output tile is the layer's whole reduction, N K K
 * weights of which Binomial(N K K, d) are kept; the PEs run asynchronously within the output tile and meet at its
 * end, so the tile lasts as long as the busiest PE: ceil(E[max of Tm binomials] / Tn) cycles per output pixel
 * ({@link LoadImbalance}), against ceil(N / Tn) K K dense (per r pixels where a multiplier does r MACs a cycle). The MAC slots performed are the busiest PE's count on
 * every lane (a lane with fewer kept weights idles, gated, while it waits); the rest of the dense MACs are skipped.
 * Weight tiles hold and move the kept weights only ({@link Sparse#nonZeros}), each with its index (the precision's
 * KEPT compression).
 *
 * <p>Structured N:M weights (the architecture's {@code structured} pattern, or N:M weights under zero skipping) are
 * the same walk without the imbalance: groups of M run along the input channels at each tap (as NVIDIA's ASP prunes
 * convolutions), every PE keeps N of each M, so the busiest is the exact count (up to N of a part group) and a 2:4
 * layer's compute halves where the engine, not DRAM, is the bottleneck. The hardware this stands for feeds each
 * multiplier the one of M inputs its metadata selects (A100's scheme on Zhang's lanes); the metadata bits ride with
 * each kept weight as the index does.
 */
final class ZeroSkip {
    private final ConvShape shape;
    private final Density density;
    private final int tn;
    private final int rate;
    private final Map<Integer, Long> busiest = new HashMap<>();

    /** @param rate MACs per multiplier per cycle: a kept weight serves {@code rate} pixels a cycle ({@link TileCost}) */
    ZeroSkip(ConvShape shape, Density density, int tn, int rate) {
        this.shape = shape;
        this.density = density;
        this.tn = tn;
        this.rate = rate;
    }

    /** Kept weights per PE of the busiest of {@code lanes} PEs over the whole reduction. */
    long busiest(int lanes) {
        if (density.structured()) { // N of each M input channels at every tap, in every lane alike
            return shape.kernelArea() * Sparse.nonZeros(density, shape.n());
        }
        return busiest.computeIfAbsent(lanes,
                l -> LoadImbalance.busiest((long) shape.n() * shape.kernelArea(), density, l));
    }

    /** Cycles of one output tile of {@code lanes} output channels and {@code pixels} output pixels. */
    long tileCycles(int lanes, long pixels) {
        return TileCost.ceil(busiest(lanes), tn) * TileCost.ceil(pixels, rate);
    }

    /** MAC slots the tile performs: the busiest PE's kept weights, on every lane, for every pixel. */
    long tileMacs(int lanes, long pixels) {
        return lanes * busiest(lanes) * pixels;
    }

    /** Kept weights of a weight tile of {@code words} dense weights. */
    long keptWeights(long words) {
        return Sparse.nonZeros(density, words);
    }

    /**
     * The share of a tile's total for step {@code i} of {@code steps}, spread evenly (the shares differ by at most
     * one and sum to the total): a tile of fewer cycles than steps takes a cycle every few steps, as the engine
     * consumes kept weights of several steps a cycle, rather than all of them at the last, where the double-buffered
     * loads would wait behind it.
     */
    static long share(long total, int i, int steps) {
        return (i + 1) * total / steps - i * total / steps;
    }

    /** Whether every step of a tile takes the same share (so identical steps can run as one repeat). */
    static boolean even(long total, int steps) {
        return total % steps == 0;
    }
}
