package org.arrayflow.kind.systolic;

import org.arrayflow.workload.Gemm;

/**
 * How a GEMM is cut into folds on an R x C array, with the mapping SCALE-Sim uses:
 * OS puts M on rows, N on columns and streams K; WS puts K on rows, N on columns and streams M;
 * IS puts K on rows, M on columns and streams N. The streamed dimension may be cut into chunks
 * (so that a fold's partial sums fit the accumulators); SCALE-Sim never does, so with one chunk the
 * cycle counts are SCALE-Sim's. A PE doing {@code rate} MACs a cycle (two int8 on an fp16 multiplier, say) takes
 * {@code rate} elements of the stream each cycle.
 */
record FoldGeometry(SystolicDataflow dataflow, Gemm gemm, int rows, int cols, long streamChunk, int rate) {

    static final int M = 0;
    static final int K = 1;
    static final int N = 2;

    /** Which GEMM dimension (M, K or N) lies on array rows, array columns, and is streamed. */
    int rowDim() {
        return dataflow == SystolicDataflow.OUTPUT_STATIONARY ? M : K;
    }

    int colDim() {
        return dataflow == SystolicDataflow.INPUT_STATIONARY ? M : N;
    }

    int streamDim() {
        switch (dataflow) {
            case OUTPUT_STATIONARY: return K;
            case WEIGHT_STATIONARY: return M;
            default: return N;
        }
    }

    long size(int dim) {
        return dim == M ? gemm.m() : dim == K ? gemm.k() : gemm.n();
    }

    /** Length of the ranges a dimension is cut into. */
    long chunk(int dim) {
        if (dim == rowDim()) {
            return rows;
        }
        if (dim == colDim()) {
            return cols;
        }
        return streamChunk;
    }

    long pieces(int dim) {
        return ceilDiv(size(dim), chunk(dim));
    }

    long rowFolds() {
        return pieces(rowDim());
    }

    long colFolds() {
        return pieces(colDim());
    }

    long streamChunks() {
        return pieces(streamDim());
    }

    /** Folds per GEMM as SCALE-Sim counts them (row folds x column folds), times stream chunks. */
    long folds() {
        return rowFolds() * colFolds() * streamChunks();
    }

    /** Length of range {@code index} of a dimension (the last one may be short). */
    long length(int dim, long index) {
        long c = chunk(dim);
        return Math.min(c, size(dim) - index * c);
    }

    /**
     * Cycles of one fold streaming {@code t} elements: the full array's fill and drain are paid even by
     * an edge fold. OS: t + R + C - 2. WS and IS add R cycles to shift the stationary operand in. At a rate of
     * r MACs per PE per cycle the stream takes ceil(t / r) cycles; fill, drain and shift-in do not speed up.
     */
    long foldCycles(long t) {
        long stream = ceilDiv(t, rate);
        if (dataflow == SystolicDataflow.OUTPUT_STATIONARY) {
            return stream + rows + cols - 2;
        }
        return 2L * rows + cols + stream - 2;
    }

    /** Cycles of streaming {@code t} elements through the array, without its fill, drain or shift-in. */
    long streamCycles(long t) {
        return ceilDiv(t, rate);
    }

    /** Fill and drain of the array: the last row's inputs reach the last column R + C - 2 cycles after the first. */
    long fillDrainCycles() {
        return rows + cols - 2L;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
