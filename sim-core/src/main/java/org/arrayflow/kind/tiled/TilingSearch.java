package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.fusion.TileSizes;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses Tm, Tn (the engine) and Tr, Tc (per layer) as Zhang et al. do: enumerate every engine the DSP
 * budget affords, and for each layer the output tile that fits the BRAM budget (input, weight and output
 * tiles double-buffered) with the best roofline time, max(compute cycles, DRAM bytes / bandwidth).
 * One engine for the whole network by default (the paper's unified design), or one per layer.
 * Deterministic: ties between tiles go to the step estimate, then fewer DRAM bytes ({@link #amongTies}); between
 * engines to fewer DRAM bytes, then fewer MAC units, then larger Tm.
 */
public final class TilingSearch {
    /** Engines kept from the compute-only ranking for the full roofline evaluation. */
    private static final int FINALISTS = 24;
    /**
     * How far above the least step estimate a tie may be and still win on fewer bytes: the band of the row-stationary
     * latency objective. A 2 % band moved fewer bytes but let VGG-16 on fpga-zc706-li18 drift +0.5 % over the BRAM
     * ladder.
     */
    static final double STEP_TIE = 0.005;

    private final TiledFusionArch arch;
    private final double bytesPerCycle;

    public TilingSearch(TiledFusionArch arch) {
        this.arch = arch;
        this.bytesPerCycle = arch.sustainedDramBytesPerCycle();
    }

    /** The tiling of every matrix layer, by layer name, in network order. */
    public Map<String, TileCost> search(List<Layer> layers) {
        Map<String, TileCost> out = new LinkedHashMap<>();
        if (arch.perLayerTiling()) {
            for (Layer l : layers) {
                out.putAll(searchEngine(List.of(l)));
            }
            return out;
        }
        return searchEngine(layers);
    }

    private record Candidate(int tm, int tn, long cycles) {}

    /** The engine and tile a layer uses: its own override fields first, then the engine under evaluation. */
    private LoopTiling engineFor(Layer l, int tm, int tn) {
        LoopTiling own = arch.layerTiling().getOrDefault(l.name(), LoopTiling.SEARCH);
        return new LoopTiling(own.tm() > 0 ? own.tm() : tm, own.tn() > 0 ? own.tn() : tn,
                own.tr() > 0 ? own.tr() : arch.tiling().tr(), own.tc() > 0 ? own.tc() : arch.tiling().tc());
    }

    private Map<String, TileCost> searchEngine(List<Layer> layers) {
        List<ConvShape> shapes = new ArrayList<>();
        List<Integer> rates = new ArrayList<>();
        for (Layer l : layers) {
            shapes.add(ConvShape.of(l));
            rates.add(arch.compute(l).runsAs().macsPerCycle());
        }
        long units = arch.macUnits();
        int maxM = 1;
        int maxN = 1;
        for (ConvShape s : shapes) {
            maxM = Math.max(maxM, s.m());
            maxN = Math.max(maxN, s.n());
        }
        List<Candidate> engines = new ArrayList<>();
        int tmLo = arch.tiling().tm() > 0 ? arch.tiling().tm() : 1;
        int tmHi = arch.tiling().tm() > 0 ? arch.tiling().tm() : (int) Math.min(units, maxM);
        for (int tm = tmLo; tm <= tmHi; tm++) {
            int tnLo = arch.tiling().tn() > 0 ? arch.tiling().tn() : 1;
            int tnHi = arch.tiling().tn() > 0 ? arch.tiling().tn() : (int) Math.max(1, Math.min(units / tm, maxN));
            for (int tn = tnLo; tn <= tnHi; tn++) {
                long cycles = 0;
                for (int i = 0; i < shapes.size(); i++) {
                    LoopTiling t = engineFor(layers.get(i), tm, tn);
                    ConvShape s = shapes.get(i);
                    cycles += s.instances() * TileCost.ceil(s.m(), t.tm()) * TileCost.ceil(s.n(), t.tn())
                            * s.kernelArea() * TileCost.ceil((long) s.r() * s.c(), rates.get(i));
                }
                engines.add(new Candidate(tm, tn, cycles));
            }
        }
        // Rank by compute cycles alone (the computational roof), then evaluate the best few with memory.
        engines.sort(Comparator.comparingLong(Candidate::cycles).thenComparingLong(e -> (long) e.tm() * e.tn())
                .thenComparingInt(e -> -e.tm()));
        Map<String, TileCost> best = null;
        double bestCycles = Double.MAX_VALUE;
        long bestBytes = Long.MAX_VALUE;
        MappingException firstFailure = null;
        for (int i = 0; i < Math.min(FINALISTS, engines.size()); i++) {
            int tm = engines.get(i).tm();
            int tn = engines.get(i).tn();
            Map<String, TileCost> plan = new LinkedHashMap<>();
            double cycles = 0;
            long bytes = 0;
            try {
                for (int j = 0; j < layers.size(); j++) {
                    Layer l = layers.get(j);
                    TileCost c = bestTile(l.name(), shapes.get(j), engineFor(l, tm, tn), arch.precision(l),
                            rates.get(j));
                    plan.put(l.name(), c);
                    cycles += c.rooflineCycles(bytesPerCycle);
                    bytes += c.dramBytes();
                }
            } catch (MappingException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
                continue;
            }
            if (cycles < bestCycles - 1e-6 || (Math.abs(cycles - bestCycles) <= 1e-6 && bytes < bestBytes)) {
                best = plan;
                bestCycles = cycles;
                bestBytes = bytes;
            }
        }
        if (best == null) {
            throw firstFailure != null ? firstFailure : new MappingException("no engine fits the DSP budget");
        }
        return best;
    }

    /** The output tile for one layer and engine: best roofline time within the BRAM budget. */
    public TileCost bestTile(String layerName, ConvShape s, LoopTiling engine, Precision precision, int rate) {
        TileCost best = null;
        double bestTime = Double.MAX_VALUE;
        List<TileCost> ties = new ArrayList<>();
        long smallestNeed = Long.MAX_VALUE;
        for (int tr : engine.tr() > 0 ? List.of(engine.tr()) : TileSizes.distinct(s.r())) {
            for (int tc : engine.tc() > 0 ? List.of(engine.tc()) : TileSizes.distinct(s.c())) {
                TileCost c = TileCost.of(s, new LoopTiling(engine.tm(), engine.tn(), tr, tc), precision, rate);
                long need = c.bramBytes();
                smallestNeed = Math.min(smallestNeed, need);
                if (need > arch.onChipBytes()) {
                    continue;
                }
                double time = c.rooflineCycles(bytesPerCycle);
                if (best == null || time < bestTime - 1e-6) {
                    ties.clear();
                    best = c;
                    bestTime = time;
                }
                if (Math.abs(time - bestTime) <= 1e-6) {
                    ties.add(c);
                }
            }
        }
        if (ties.size() > 1) {
            best = amongTies(ties);
        }
        if (best == null) {
            throw new MappingException("layer '" + layerName + "': no output tile of the Tm=" + engine.tm() + " x Tn="
                    + engine.tn() + " engine fits " + arch.onChipBytes() + " bytes of BRAM; the smallest needs "
                    + smallestNeed + " bytes (double-buffered input, weight and output tiles)");
        }
        return best;
    }

    /**
     * Between tiles of the same roofline time (every compute-bound tile of a layer has the same, its compute
     * cycles): those whose {@link TileCost#stepCycles step estimate} is within {@link #STEP_TIE} of the least, and
     * among them fewer DRAM bytes, then the larger tile. Fewer bytes alone took the largest tile, whose first load
     * and last store overlap nothing: on the 8-bit fpga-zc706-li18, conv1_1 of VGG-16 as one 224 x 224 tile waited
     * 153 K cycles for its 3.2 MB store after 452 K of compute, and each larger BRAM made the network slower (+2.5 %
     * from 128 KiB to 8 MiB). The ends alone are no better guide: the tile with the shortest ends whose traffic
     * still fits under its compute sends that traffic in bursts the engine cannot hide (VGG16-SVD's conv1_2 on
     * fpga-zc706-qiu16: 3.38 M cycles at 28 x 21 against 3.29 M at 112 x 56); the step estimate sees both. A larger
     * budget only adds tiles to the tie, so the least estimate never grows.
     */
    private TileCost amongTies(List<TileCost> ties) {
        double least = Double.MAX_VALUE;
        for (TileCost c : ties) {
            least = Math.min(least, c.stepCycles(bytesPerCycle));
        }
        TileCost pick = null;
        for (TileCost c : ties) {
            if (c.stepCycles(bytesPerCycle) <= least * (1 + STEP_TIE) && (pick == null
                    || c.dramBytes() < pick.dramBytes() || (c.dramBytes() == pick.dramBytes()
                    && (long) c.tiling().tr() * c.tiling().tc() > (long) pick.tiling().tr() * pick.tiling().tc()))) {
                pick = c;
            }
        }
        return pick;
    }
}
