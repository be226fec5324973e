package org.arrayflow.scalesim;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.ResidencyPlan;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * A network run with SCALE-Sim's conventions, and the quantities of SCALE-Sim's reports computed from it.
 *
 * <p>The engine runs the layer (folds in SCALE-Sim's shape, no fold splitting, no activation reuse across
 * layers, 1-byte words). What SCALE-Sim reports is then derived here, not in the dataflow:
 * <ul>
 *   <li>Total Cycles = folds x cycles per fold - 1 + stalls (an index, not a count);</li>
 *   <li>stalls: CALC mode 0 (SCALE-Sim's reads never stall there); USER mode, the cycles the engine's
 *       array waited between its first and its last fold (the first fill happens before cycle 0, as in
 *       SCALE-Sim, whose DRAM trace starts at negative cycles);</li>
 *   <li>Overall Util, Mapping Efficiency and Compute Util with SCALE-Sim's formulas over the fold grid;</li>
 *   <li>SRAM and DRAM counts from the engine's access counters.</li>
 * </ul>
 * The returned {@link NetworkResult} carries the same Total / stall / utilisation figures, so
 * {@code layers.csv} agrees with {@code COMPUTE_REPORT.csv}.
 */
public record ScaleSimRun(ScaleSimConfig config, SystolicArch arch, Network network, NetworkResult result,
                          List<ScaleSimLayer> layers) {

    public ScaleSimRun {
        layers = List.copyOf(layers);
    }

    public static ScaleSimRun run(ScaleSimConfig cfg, Network net, boolean keepTrace) {
        return run(cfg, net, keepTrace, StallModel.PHYSICAL);
    }

    /**
     * As {@link #run(ScaleSimConfig, Network, boolean)}; with {@link StallModel#SCALESIM} (USER mode only)
     * Total / Stall Cycles, the SRAM spans and the DRAM counts and spans come from {@link StallEmulation}
     * instead of the engine. SRAM counts, MACs and the native traffic lines stay the engine's.
     */
    public static ScaleSimRun run(ScaleSimConfig cfg, Network net, boolean keepTrace, StallModel stallModel) {
        if (stallModel == StallModel.SCALESIM && !cfg.userBandwidth()) {
            throw org.arrayflow.config.ConfigException.of(cfg.file(), "--stall-model scalesim emulates SCALE-Sim's "
                    + "USER-mode buffers; this configuration is CALC (reads never stall there)");
        }
        SystolicArch arch = cfg.toArch();
        List<LayerContext> contexts = ResidencyPlan.offChip(net, arch.buffers().size(), true);
        List<ScaleSimLayer> rows = new ArrayList<>();
        List<LayerResult> adjusted = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer layer = net.layers().get(i);
            // Traced, for the first and last compute cycle (stalls, SCALE-Sim's cycle 0) and the DRAM spans;
            // the trace is dropped after this layer unless asked for, to keep memory flat on big topologies.
            LayerResult r = Simulator.simulateLayer(arch, layer, contexts.get(i), true);
            ScaleSimLayer row = layerReport(cfg, arch, layer, r);
            if (stallModel == StallModel.SCALESIM) {
                row = emulated(cfg, arch, layer, row);
            }
            rows.add(row);
            FoldShape fs = FoldShape.of(arch.dataflow(), arch.rows(), arch.cols(), gemm(layer));
            long compute = fs.folds() * fs.cyclesPerFold();
            if (r.computeCycles() != compute) {
                // The engine ran the folds the systolic dataflow planned; in this mode they must be SCALE-Sim's.
                throw new IllegalStateException("layer " + layer.name() + ": the array computed for "
                        + r.computeCycles() + " cycles, SCALE-Sim's fold rule gives " + compute);
            }
            LayerResult timed = r.withTiming(new LayerResult.Timing(row.totalCycles(), compute, row.stallCycles(),
                    row.overallUtilPct() / 100));
            adjusted.add(keepTrace ? timed : timed.withoutTrace());
        }
        NetworkResult result = new NetworkResult(arch.name(), arch.kind(), arch.source(), net.name(), net.source(),
                net.batch(), arch.clockMhz(), arch.peCount(), adjusted);
        return new ScaleSimRun(cfg, arch, net, result, rows);
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
            throw new IllegalArgumentException("layer " + layer.name() + ": SCALE-Sim mode takes one GEMM per layer");
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

        Timing timing = Timing.of(r.trace());
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
        boolean accumulates = arch.dataflow() != org.arrayflow.kind.systolic.SystolicDataflow.OUTPUT_STATIONARY;
        long oWrites = accumulates ? count(r, "ofmap_sram", "psum", false) : count(r, "ofmap_sram", "ofmap", false);
        long dIf = count(r, "dram", "ifmap", true);
        long dF = count(r, "dram", "weight", true);
        long dO = count(r, "dram", "ofmap", false) + count(r, "dram", "psum", false);

        // SRAM spans of a stall-free run, with the stalls added to the stops (SCALE-Sim's goldens show
        // stalls accumulating before the last fold). Streamed operands are last read C - 1 rows before the
        // end (the drain); a stationary operand is last read when the last fold loads it (R rows).
        boolean os = arch.dataflow() == org.arrayflow.kind.systolic.SystolicDataflow.OUTPUT_STATIONARY;
        boolean ws = arch.dataflow() == org.arrayflow.kind.systolic.SystolicDataflow.WEIGHT_STATIONARY;
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
            dIfS = timing.loads();
            dFS = timing.loads();
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

    /** Compute and DRAM timing from a traced layer, on SCALE-Sim's clock (cycle 0 = first compute). */
    private record Timing(boolean known, long stalls, ScaleSimLayer.Span loads, ScaleSimLayer.Span stores) {
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
            if (first == Long.MAX_VALUE) {
                return new Timing(false, 0, new ScaleSimLayer.Span(0, 0), new ScaleSimLayer.Span(0, 0));
            }
            long[] ld = {Long.MAX_VALUE, Long.MIN_VALUE};
            long[] st = {Long.MAX_VALUE, Long.MIN_VALUE};
            for (EngineResult.TraceEvent e : trace) {
                if (e.server().equals("dram")) {
                    long[] span = e.queue().equals("store") ? st : ld;
                    span[0] = Math.min(span[0], e.start() - first);
                    span[1] = Math.max(span[1], e.end() - 1 - first);
                }
            }
            return new Timing(true, (last - first) - busy, span(ld), span(st));
        }

        private static ScaleSimLayer.Span span(long[] s) {
            return s[0] == Long.MAX_VALUE ? new ScaleSimLayer.Span(0, 0) : new ScaleSimLayer.Span(s[0], s[1]);
        }
    }
}
