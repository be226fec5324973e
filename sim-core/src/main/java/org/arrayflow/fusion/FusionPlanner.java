package org.arrayflow.fusion;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;

import java.util.List;
import java.util.function.Function;

/**
 * Chooses a fused group's output tile: the fixed one if given, otherwise, among all tile sizes that give
 * distinct tile counts, the one with the fewest DRAM bytes whose storage fits the on-chip budget (ties: fewer
 * computed MACs, then the larger tile). A group that fits at no tile size is an error that names the
 * smallest budget that would work; it is never silently spilled.
 */
public final class FusionPlanner {
    private final FusionStrategy strategy;
    private final Function<Layer, Precision> precision;
    private final long budgetBytes;
    private final int fixedRows;
    private final int fixedCols;

    /** @param precision the datatypes of a layer's tensors on the architecture */
    public FusionPlanner(FusionStrategy strategy, Function<Layer, Precision> precision, long budgetBytes, int fixedRows,
                         int fixedCols) {
        this.strategy = strategy;
        this.precision = precision;
        this.budgetBytes = budgetBytes;
        this.fixedRows = fixedRows;
        this.fixedCols = fixedCols > 0 ? fixedCols : fixedRows;
    }

    public PyramidPlan plan(GroupChain chain) {
        List<Precision> precisions = chain.group().layers().stream().map(precision).toList();
        PyramidPlan best = null;
        PyramidPlan smallest = null;
        for (int tr : candidates(fixedRows, chain.levels()[chain.depth()].height())) {
            for (int tc : candidates(fixedCols, chain.levels()[chain.depth()].width())) {
                PyramidPlan p = new PyramidPlan(chain, strategy, tr, tc, precisions, budgetBytes);
                if (smallest == null || p.storageBytes() < smallest.storageBytes()) {
                    smallest = p;
                }
                if (p.fits() && (best == null || better(p, best))) {
                    best = p;
                }
            }
        }
        if (best == null) {
            throw new MappingException("fused group " + chain.group().name() + " (" + strategy.label()
                    + ") fits no tile size in " + budgetBytes + " bytes on chip; the smallest budget that works is "
                    + smallest.storageBytes() + " bytes (tile " + smallest.tileRows + "x" + smallest.tileCols
                    + ", feature maps only)");
        }
        return best;
    }

    private static boolean better(PyramidPlan a, PyramidPlan b) {
        if (a.dramBytes() != b.dramBytes()) {
            return a.dramBytes() < b.dramBytes();
        }
        if (a.computedMacs != b.computedMacs) {
            return a.computedMacs < b.computedMacs;
        }
        long areaA = (long) a.tileRows * a.tileCols;
        long areaB = (long) b.tileRows * b.tileCols;
        if (areaA != areaB) {
            return areaA > areaB;
        }
        return a.tileRows > b.tileRows;
    }

    private static List<Integer> candidates(int fixed, int size) {
        return fixed > 0 ? List.of(fixed) : TileSizes.distinct(size);
    }
}
