package org.arrayflow.scalesim;

import org.arrayflow.kind.systolic.SystolicDataflow;
import org.arrayflow.workload.Gemm;

/**
 * How SCALE-Sim lays one GEMM on an R x C array: the spatial extent on rows (S_r) and columns (S_c),
 * the streamed length T, and the per-fold cycle count of its demand matrices.
 * OS: S_r = M, S_c = N, T = K. WS: S_r = K, S_c = N, T = M. IS: S_r = K, S_c = M, T = N.
 * Folds run with the column fold outermost and the row fold inside, as in SCALE-Sim's demand matrices.
 */
public record FoldShape(SystolicDataflow dataflow, int rows, int cols, long sr, long sc, long t) {

    public static FoldShape of(SystolicDataflow d, int rows, int cols, Gemm g) {
        return switch (d) {
            case OUTPUT_STATIONARY -> new FoldShape(d, rows, cols, g.m(), g.n(), g.k());
            case WEIGHT_STATIONARY -> new FoldShape(d, rows, cols, g.k(), g.n(), g.m());
            case INPUT_STATIONARY -> new FoldShape(d, rows, cols, g.k(), g.m(), g.n());
        };
    }

    public long rowFolds() {
        return (sr + rows - 1) / rows;
    }

    public long colFolds() {
        return (sc + cols - 1) / cols;
    }

    public long folds() {
        return rowFolds() * colFolds();
    }

    /**
     * Demand-matrix rows per fold, the same for every fold (an edge fold pays the full array's skew):
     * OS streams T operands with R-1 rows of input skew and C-1 of drain: T + R + C - 2.
     * WS and IS first shift the stationary operand in over R cycles: 2R + C + T - 2.
     */
    public long cyclesPerFold() {
        if (dataflow == SystolicDataflow.OUTPUT_STATIONARY) {
            return t + rows + cols - 2;
        }
        return 2L * rows + cols + t - 2;
    }

    /** Rows of the array used by row fold {@code fr}. */
    public long rowsUsed(long fr) {
        return Math.min(rows, sr - fr * rows);
    }

    public long colsUsed(long fc) {
        return Math.min(cols, sc - fc * cols);
    }

    /**
     * Cycles SCALE-Sim divides by in its per-fold compute utilisation: the unskewed per-fold matrix's
     * rows + columns - 1. For OS that is the fold length; for WS and IS it is C - 1 more than the fold
     * length (SCALE-Sim measures a matrix that is not skewed there).
     */
    public long computeUtilCycles() {
        if (dataflow == SystolicDataflow.OUTPUT_STATIONARY) {
            return cyclesPerFold();
        }
        return 2L * rows + 2L * cols + t - 3;
    }
}
