package org.arrayflow.scalesim;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.kind.systolic.DramPorts;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.kind.systolic.SystolicDataflow;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.sim.ResultAdjustment;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * SCALE-Sim's timing convention as the last step of a run: from each layer's traced engine run, the row of
 * SCALE-Sim's three reports (see {@link ScaleSimRun} for the rules), optionally with the stall emulation's
 * figures, and the layer's result restated with SCALE-Sim's Total and Stall Cycles and Overall Util, so
 * {@code layers.csv} agrees with {@code COMPUTE_REPORT.csv}. Collects the rows of one run, in layer order.
 */
final class ScaleSimTiming implements ResultAdjustment {
    private final ScaleSimConfig cfg;
    private final SystolicArch arch;
    private final StallModel stallModel;
    private final List<ScaleSimLayer> rows = new ArrayList<>();

    ScaleSimTiming(ScaleSimConfig cfg, SystolicArch arch, StallModel stallModel) {
        this.cfg = cfg;
        this.arch = arch;
        this.stallModel = stallModel;
    }

    /** Traced, for the first and last compute cycle (stalls, SCALE-Sim's cycle 0) and the DRAM spans. */
    @Override
    public boolean readsTrace() {
        return true;
    }

    @Override
    public LayerResult adjust(LayerGroup group, LayerResult r) {
        Layer layer = group.first();
        ScaleSimLayer row = layerReport(cfg, arch, layer, r);
        if (stallModel == StallModel.SCALESIM) {
            row = emulated(cfg, arch, layer, row);
        }
        rows.add(row);
        FoldShape fs = FoldShape.of(arch.dataflow(), arch.rows(), arch.cols(), gemm(layer));
        long compute = fs.folds() * fs.cyclesPerFold();
        if (r.computeCycles() != compute) {
            // The engine ran the folds the systolic dataflow planned; in this mode they must be SCALE-Sim's.
            throw new IllegalStateException("layer '" + layer.name() + "': the array computed for "
                    + r.computeCycles() + " cycles, SCALE-Sim's fold rule gives " + compute);
        }
        return r.withTiming(new LayerResult.Timing(row.totalCycles(), compute, row.stallCycles(),
                row.overallUtilPct() / 100));
    }

    List<ScaleSimLayer> rows() {
        return List.copyOf(rows);
    }

    /** The report row with timing and DRAM figures replaced by SCALE-Sim's bookkeeping. */
    static ScaleSimLayer emulated(ScaleSimConfig cfg, SystolicArch arch, Layer layer, ScaleSimLayer row) {
        Gemm g = gemm(layer);
        FoldShape fs = FoldShape.of(arch.dataflow(), arch.rows(), arch.cols(), g);
        StallEmulation.Result e = StallEmulation.run(cfg, fs, OperandAddresses.of(layer, g.m(), g.k(), g.n()));
        double overall = 100.0 * layer.macs() / (e.totalCycles() * (double) arch.rows() * arch.cols());
        return new ScaleSimLayer(row.id(), row.name(), e.totalCycles(), e.stallCycles(), overall,
                row.mappingEfficiencyPct(), row.computeUtilPct(), e.sramIfmap(), row.sramIfmapReads(),
                e.sramFilter(), row.sramFilterReads(), e.sramOfmap(), row.sramOfmapWrites(),
                e.dramIfmap(), e.dramIfmapReads(), e.dramFilter(), e.dramFilterReads(),
                e.dramOfmap(), e.dramOfmapWrites());
    }

    private static Gemm gemm(Layer layer) {
        if (layer.gemms().size() != 1 || layer.gemms().get(0).count() != 1) {
            throw new IllegalArgumentException("layer '" + layer.name() + "': SCALE-Sim mode takes one GEMM per layer");
        }
        return layer.gemms().get(0);
    }

    static ScaleSimLayer layerReport(ScaleSimConfig cfg, SystolicArch arch, Layer layer, LayerResult r) {
        Gemm g = gemm(layer);
        int rows = arch.rows();
        int cols = arch.cols();
        FoldShape fs = FoldShape.of(arch.dataflow(), rows, cols, g);
        long lf = fs.cyclesPerFold();
        long demandRows = fs.folds() * lf;

        Timing timing = Timing.of(r.trace().tasks());
        long stalls = cfg.userBandwidth() ? timing.stalls() : 0;
        long total = demandRows - 1 + stalls;
        double pes = (double) rows * cols;
        double overall = 100.0 * layer.macs() / (total * pes);

        // Means over folds in SCALE-Sim's order (column fold outer, row fold inner), summed left to right.
        double mapSum = 0;
        double utilSum = 0;
        for (long fc = 0; fc < fs.colFolds(); fc++) {
            for (long fr = 0; fr < fs.rowFolds(); fr++) {
                double used = (double) fs.rowsUsed(fr) * fs.colsUsed(fc);
                mapSum += used / pes;
                utilSum += used * fs.t() / (pes * fs.computeUtilCycles());
            }
        }
        double mapping = 100.0 * mapSum / fs.folds();
        double computeUtil = 100.0 * utilSum / fs.folds();

        long ifReads = count(r, "ifmap_sram", "ifmap", true);
        long fReads = count(r, "filter_sram", "weight", true);
        // WS and IS write every fold's partial sums into the ofmap SRAM (M x N per row fold); the last
        // of them are the outputs. OS writes finished outputs only.
        boolean accumulates = arch.dataflow() != SystolicDataflow.OUTPUT_STATIONARY;
        long oWrites = accumulates ? count(r, "ofmap_sram", "psum", false) : count(r, "ofmap_sram", "ofmap", false);
        long dIf = count(r, "dram", "ifmap", true);
        long dF = count(r, "dram", "weight", true);
        long dO = count(r, "dram", "ofmap", false) + count(r, "dram", "psum", false);

        // SRAM spans of a stall-free run, with the stalls added to the stops (SCALE-Sim's goldens show
        // stalls accumulating before the last fold). Streamed operands are last read C - 1 rows before the
        // end (the drain); a stationary operand is last read when the last fold loads it (R rows).
        boolean os = arch.dataflow() == SystolicDataflow.OUTPUT_STATIONARY;
        boolean ws = arch.dataflow() == SystolicDataflow.WEIGHT_STATIONARY;
        double streamedStop = demandRows - cols + 1 + stalls;
        double stationaryStop = (fs.folds() - 1) * lf + rows + stalls;
        ScaleSimLayer.Span sIf = new ScaleSimLayer.Span(ws ? rows + 1 : 1, os || ws ? streamedStop
                : stationaryStop);
        ScaleSimLayer.Span sF = new ScaleSimLayer.Span(os || ws ? 1 : rows + 1, ws ? stationaryStop : streamedStop);
        ScaleSimLayer.Span sO = new ScaleSimLayer.Span(os ? fs.t() - 1 : 2.0 * rows - 1, total);

        ScaleSimLayer.Span dIfS;
        ScaleSimLayer.Span dFS;
        ScaleSimLayer.Span dOS;
        if (cfg.userBandwidth() && timing.known()) {
            dIfS = timing.ifmapLoads();
            dFS = timing.filterLoads();
            dOS = timing.stores();
        } else {
            // CALC: the bandwidth needed is the operand's DRAM traffic over the cycles its SRAM is read.
            dIfS = sIf;
            dFS = sF;
            dOS = sO;
        }
        return new ScaleSimLayer(layer.index(), layer.name(), total, stalls, overall, mapping, computeUtil,
                sIf, ifReads, sF, fReads, sO, oWrites, dIfS, dIf, dFS, dF, dOS, dO);
    }

    private static long count(LayerResult r, String level, String tensor, boolean reads) {
        long c = 0;
        for (Traffic t : r.traffic()) {
            if (t.level().equals(level) && t.tensor().equals(tensor)) {
                c += reads ? t.reads() : t.writes();
            }
        }
        return c;
    }

    /**
     * Compute and DRAM timing from a traced layer, on SCALE-Sim's clock (cycle 0 = first compute): the spans of the
     * ifmap and filter loads, each on its own interface, and of the stores (ofmap and partial sums, on the ofmap's).
     */
    private record Timing(boolean known, long stalls, ScaleSimLayer.Span ifmapLoads, ScaleSimLayer.Span filterLoads,
                          ScaleSimLayer.Span stores) {
        private static final String IFMAP_LINK = DramPorts.linkName(Tensor.IFMAP);
        private static final String FILTER_LINK = DramPorts.linkName(Tensor.WEIGHT);

        static Timing of(List<EngineResult.TraceEvent> trace) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long busy = 0;
            for (EngineResult.TraceEvent e : trace) {
                if (e.server().equals("array")) {
                    first = Math.min(first, e.start());
                    last = Math.max(last, e.end());
                    busy += e.end() - e.start();
                }
            }
            ScaleSimLayer.Span none = new ScaleSimLayer.Span(0, 0);
            if (first == Long.MAX_VALUE) {
                return new Timing(false, 0, none, none, none);
            }
            long[] ifmap = {Long.MAX_VALUE, Long.MIN_VALUE};
            long[] filter = {Long.MAX_VALUE, Long.MIN_VALUE};
            long[] st = {Long.MAX_VALUE, Long.MIN_VALUE};
            for (EngineResult.TraceEvent e : trace) {
                long[] span = !e.link() ? null : e.queue().equals("store") ? st
                        : e.server().equals(IFMAP_LINK) ? ifmap : e.server().equals(FILTER_LINK) ? filter : null;
                if (span != null) {
                    span[0] = Math.min(span[0], e.start() - first);
                    span[1] = Math.max(span[1], e.end() - 1 - first);
                }
            }
            return new Timing(true, (last - first) - busy, span(ifmap), span(filter), span(st));
        }

        private static ScaleSimLayer.Span span(long[] s) {
            return s[0] == Long.MAX_VALUE ? new ScaleSimLayer.Span(0, 0) : new ScaleSimLayer.Span(s[0], s[1]);
        }
    }
}
