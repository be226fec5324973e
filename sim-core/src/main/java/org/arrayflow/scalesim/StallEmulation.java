package org.arrayflow.scalesim;

import org.arrayflow.kind.systolic.SystolicDataflow;

/**
 * Replays one layer through an emulation of SCALE-Sim v2's USER-mode memory system, to reproduce its
 * Total Cycles, Stall Cycles and DRAM bookkeeping (the {@code --stall-model scalesim} option).
 *
 * <p>The array's demand is generated fold by fold (column fold outer, row fold inner) and row by row,
 * visiting only the valid entries of each row (so the work is proportional to the SRAM reads, not to
 * rows x array width). Each row is issued at {@code row + stalls so far}; the ifmap and filter read
 * buffers and the ofmap write buffer return their out-cycles, and the row's stall is
 * {@code max(ifmap - cycle - 1, filter - cycle - 1, ofmap - cycle)} (docs/scalesim-notes.md section 3).
 */
public final class StallEmulation {

    /** What SCALE-Sim would report for the layer's timing and DRAM traffic. */
    public record Result(long totalCycles, long stallCycles,
                         ScaleSimLayer.Span sramIfmap, ScaleSimLayer.Span sramFilter, ScaleSimLayer.Span sramOfmap,
                         ScaleSimLayer.Span dramIfmap, long dramIfmapReads, ScaleSimLayer.Span dramFilter,
                         long dramFilterReads, ScaleSimLayer.Span dramOfmap, long dramOfmapWrites) {}

    private StallEmulation() {}

    /** SCALE-Sim groups a read buffer's fetch stream into about 100 sets: ceil(words / 100) entries each. */
    static long setSize(long bufferWords) {
        return Math.max(1, ReadBufferEmulator.ceilDiv(bufferWords, 100));
    }

    public static Result run(ScaleSimConfig cfg, FoldShape fs, OperandAddresses op) {
        long bw = cfg.bandwidth().get(0);
        long ifWords = cfg.ifmapKb() * 1024;
        long fWords = cfg.filterKb() * 1024;
        long oWords = cfg.ofmapKb() * 1024;
        Demand d = Demand.of(fs, op);
        long ifSet = setSize(ifWords);
        long fSet = setSize(fWords);
        ReadBufferEmulator ifBuf = new ReadBufferEmulator(
                d.ifmapSets(ifSet, ReadBufferEmulator.windowSets(ifWords, ifSet)), ifWords, bw, ifSet);
        ReadBufferEmulator fBuf = new ReadBufferEmulator(
                d.filterSets(fSet, ReadBufferEmulator.windowSets(fWords, fSet)), fWords, bw, fSet);
        WriteBufferEmulator oBuf = new WriteBufferEmulator(oWords, bw);

        long[] ifRow = new long[Math.max(fs.rows(), fs.cols())];
        long[] fRow = new long[Math.max(fs.rows(), fs.cols())];
        SpanTracker sIf = new SpanTracker();
        SpanTracker sF = new SpanTracker();
        SpanTracker sO = new SpanTracker();
        long lf = fs.cyclesPerFold();
        long stalls = 0;
        long total = 0;
        long row = 0;
        for (long fc = 0; fc < fs.colFolds(); fc++) {
            for (long fr = 0; fr < fs.rowFolds(); fr++) {
                for (long t = 0; t < lf; t++, row++) {
                    long cycle = row + stalls;
                    int ni = d.ifmapRow(fc, fr, t, ifRow);
                    int nf = d.filterRow(fc, fr, t, fRow);
                    long no = d.ofmapCount(fc, fr, t);
                    long outIf = cycle + ifBuf.serviceRow(cycle, ifRow, ni);
                    long outF = cycle + fBuf.serviceRow(cycle, fRow, nf);
                    long outO = oBuf.serviceRow(cycle, no);
                    if (ni > 0) {
                        sIf.see(outIf);
                    }
                    if (nf > 0) {
                        sF.see(outF);
                    }
                    if (no > 0) {
                        sO.see(outO);
                    }
                    total = Math.max(total, outO);
                    stalls += Math.max(Math.max(outIf - cycle - 1, outF - cycle - 1), outO - cycle);
                }
            }
        }
        oBuf.flush(total);
        return new Result(total, stalls, sIf.span(), sF.span(), sO.span(),
                new ScaleSimLayer.Span(ifBuf.dramStart(), ifBuf.dramStop()), ifBuf.dramWords(),
                new ScaleSimLayer.Span(fBuf.dramStart(), fBuf.dramStop()), fBuf.dramWords(),
                new ScaleSimLayer.Span(oBuf.dramStart(), oBuf.dramStop()), oBuf.dramWords());
    }

    /** First and last out-cycle of the rows that touched an operand. */
    private static final class SpanTracker {
        long first = -1;
        long last = -1;
        boolean seen;

        void see(long c) {
            if (!seen) {
                first = c;
                seen = true;
            }
            last = c;
        }

        ScaleSimLayer.Span span() {
            return seen ? new ScaleSimLayer.Span(first, last) : new ScaleSimLayer.Span(0, 0);
        }
    }

    /**
     * The three demand matrices and the two prefetch matrices of one dataflow, as functions of
     * (fold, row in fold), from SCALE-Sim's {@code systolic_compute_{os,ws,is}.py} layouts.
     */
    record Demand(FoldShape fs, OperandAddresses op) {
        static Demand of(FoldShape fs, OperandAddresses op) {
            return new Demand(fs, op);
        }

        private SystolicDataflow df() {
            return fs.dataflow();
        }

        FetchSets ifmapSets(long setSize, long window) {
            long rr = fs.rows();
            long cc = fs.cols();
            return switch (df()) {
                // ifmap^T (K x R) per row fold, stacked; fed skewed, so fetched by anti-diagonals.
                case OUTPUT_STATIONARY -> new FetchSets(fs.rowFolds() * op.k(), rr, true, op.ifmapSpace(), setSize, window, op.gemm(),
                        (p, w) -> {
                            long i = (p / op.k()) * rr + w;
                            return i >= op.m() ? -1 : op.ifmap(i, p % op.k());
                        });
                // ifmap (M x R) per row fold; skewed.
                case WEIGHT_STATIONARY -> new FetchSets(fs.rowFolds() * op.m(), rr, true, op.ifmapSpace(), setSize, window, op.gemm(),
                        (p, w) -> {
                            long j = (p / op.m()) * rr + w;
                            return j >= op.k() ? -1 : op.ifmap(p % op.m(), j);
                        });
                // ifmap^T (K x C) per column fold; stationary, fetched row-major.
                case INPUT_STATIONARY -> new FetchSets(fs.colFolds() * op.k(), cc, false, op.ifmapSpace(), setSize, window, op.gemm(),
                        (p, w) -> {
                            long i = (p / op.k()) * cc + w;
                            return i >= op.m() ? -1 : op.ifmap(i, p % op.k());
                        });
            };
        }

        FetchSets filterSets(long setSize, long window) {
            long rr = fs.rows();
            long cc = fs.cols();
            return switch (df()) {
                // filter (K x C) per column fold: skewed in OS, stationary (row-major) in WS.
                case OUTPUT_STATIONARY, WEIGHT_STATIONARY -> new FetchSets(fs.colFolds() * op.k(), cc,
                        df() == SystolicDataflow.OUTPUT_STATIONARY, op.filterSpace(), setSize, window, true, (p, w) -> {
                            long n = (p / op.k()) * cc + w;
                            return n >= op.n() ? -1 : op.filter(p % op.k(), n);
                        });
                // filter rows of the row fold, transposed (N x R); skewed.
                case INPUT_STATIONARY -> new FetchSets(fs.rowFolds() * op.n(), rr, true, op.filterSpace(), setSize, window, true,
                        (p, w) -> {
                            long kk = (p / op.n()) * rr + w;
                            return kk >= op.k() ? -1 : op.filter(kk, p % op.n());
                        });
            };
        }

        /** Valid ifmap addresses of demand row t of fold (fc, fr), in array order; returns how many. */
        int ifmapRow(long fc, long fr, long t, long[] out) {
            long rr = fs.rows();
            long cc = fs.cols();
            long tt = fs.t();
            int n = 0;
            switch (df()) {
                case OUTPUT_STATIONARY -> {
                    // Array row r streams ifmap row fr*R + r, element t - r.
                    long hi = Math.min(Math.min(rr - 1, t), fs.rowsUsed(fr) - 1);
                    for (long r = Math.max(0, t - tt + 1); r <= hi; r++) {
                        n = add(out, n, op.ifmap(fr * rr + r, t - r));
                    }
                }
                case WEIGHT_STATIONARY -> {
                    // After R load cycles, array row r streams pixel t - R - r of window element fr*R + r.
                    long hi = Math.min(Math.min(rr - 1, t - rr), fs.rowsUsed(fr) - 1);
                    for (long r = Math.max(0, t - rr - tt + 1); r <= hi; r++) {
                        n = add(out, n, op.ifmap(t - rr - r, fr * rr + r));
                    }
                }
                case INPUT_STATIONARY -> {
                    // Stationary ifmap loaded bottom row first: cycle t < R loads window element fr*R + R-1-t.
                    long kk = fr * rr + rr - 1 - t;
                    if (t < rr && kk < op.k()) {
                        for (long c = 0; c < fs.colsUsed(fc); c++) {
                            n = add(out, n, op.ifmap(fc * cc + c, kk));
                        }
                    }
                }
            }
            return n;
        }

        int filterRow(long fc, long fr, long t, long[] out) {
            long rr = fs.rows();
            long cc = fs.cols();
            long tt = fs.t();
            int n = 0;
            switch (df()) {
                case OUTPUT_STATIONARY -> {
                    long hi = Math.min(Math.min(cc - 1, t), fs.colsUsed(fc) - 1);
                    for (long c = Math.max(0, t - tt + 1); c <= hi; c++) {
                        n = add(out, n, op.filter(t - c, fc * cc + c));
                    }
                }
                case WEIGHT_STATIONARY -> {
                    long kk = fr * rr + rr - 1 - t;
                    if (t < rr && kk < op.k()) {
                        for (long c = 0; c < fs.colsUsed(fc); c++) {
                            n = add(out, n, op.filter(kk, fc * cc + c));
                        }
                    }
                }
                case INPUT_STATIONARY -> {
                    long hi = Math.min(Math.min(rr - 1, t - rr), fs.rowsUsed(fr) - 1);
                    for (long r = Math.max(0, t - rr - tt + 1); r <= hi; r++) {
                        n = add(out, n, op.filter(fr * rr + r, t - rr - r));
                    }
                }
            }
            return n;
        }

        /** Outputs written in demand row t of fold (fc, fr): a skewed diagonal of the fold's output tile. */
        long ofmapCount(long fc, long fr, long t) {
            long rr = fs.rows();
            long tt = fs.t();
            long lo;
            long hi;
            if (df() == SystolicDataflow.OUTPUT_STATIONARY) {
                // After T-1 idle rows the flipped R x C tile drains, column c skewed by c; the padded rows
                // of an edge fold come first after the flip.
                long u0 = t - (tt - 1);
                lo = u0 - (rr - 1);
                hi = u0 - (rr - fs.rowsUsed(fr));
            } else {
                // After 2R-1 idle rows, T output rows leave column c skewed by c.
                long u0 = t - (2 * rr - 1);
                lo = u0 - (tt - 1);
                hi = u0;
            }
            lo = Math.max(lo, 0);
            hi = Math.min(hi, fs.colsUsed(fc) - 1);
            return Math.max(0, hi - lo + 1);
        }

        private static int add(long[] out, int n, long addr) {
            if (addr >= 0) {
                out[n++] = addr;
            }
            return n;
        }
    }
}
