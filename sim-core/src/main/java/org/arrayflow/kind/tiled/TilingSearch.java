package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses Tm, Tn (the engine) and Tr, Tc (per layer) as Zhang et al. do: enumerate every engine the DSP
 * budget affords, and for each layer the output tile that fits the BRAM budget (input, weight and output
 * tiles double-buffered) with the best roofline time, max(compute cycles, DRAM bytes / bandwidth).
 * One engine for the whole network by default (the paper's unified design), or one per layer.
 * Deterministic: ties go to fewer DRAM bytes, then fewer MAC units, then larger Tm, then larger tiles.
 */
public final class TilingSearch {
    /** Engines kept from the compute-only ranking for the full roofline evaluation. */
    private static final int FINALISTS = 24;

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
        for (Layer l : layers) {
            shapes.add(ConvShape.of(l));
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
                            * s.kernelArea() * s.r() * s.c();
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
                    TileCost c = bestTile(l.name(), shapes.get(j), engineFor(l, tm, tn), arch.precision(l));
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
    public TileCost bestTile(String layerName, ConvShape s, LoopTiling engine, Precision precision) {
        TileCost best = null;
        double bestTime = Double.MAX_VALUE;
        long smallestNeed = Long.MAX_VALUE;
        for (int tr : engine.tr() > 0 ? List.of(engine.tr()) : distinctTiles(s.r())) {
            for (int tc : engine.tc() > 0 ? List.of(engine.tc()) : distinctTiles(s.c())) {
                TileCost c = TileCost.of(s, new LoopTiling(engine.tm(), engine.tn(), tr, tc), precision);
                long need = c.bramBytes();
                smallestNeed = Math.min(smallestNeed, need);
                if (need > arch.onChipBytes()) {
                    continue;
                }
                double time = c.rooflineCycles(bytesPerCycle);
                if (best == null || time < bestTime - 1e-6 || (Math.abs(time - bestTime) <= 1e-6
                        && (c.dramBytes() < best.dramBytes() || (c.dramBytes() == best.dramBytes()
                        && (long) tr * tc > (long) best.tiling().tr() * best.tiling().tc())))) {
                    best = c;
                    bestTime = time;
                }
            }
        }
        if (best == null) {
            throw new MappingException("layer '" + layerName + "': no output tile of the Tm=" + engine.tm() + " x Tn="
                    + engine.tn() + " engine fits " + arch.onChipBytes() + " bytes of BRAM; the smallest needs "
                    + smallestNeed + " bytes (double-buffered input, weight and output tiles)");
        }
        return best;
    }

    /** Tile sizes that give distinct tile counts over a dimension: ceil(size / k) for k = 1..size. */
    static List<Integer> distinctTiles(int size) {
        TreeSet<Integer> s = new TreeSet<>(Comparator.reverseOrder());
        for (int k = 1; k <= size; k++) {
            s.add((size + k - 1) / k);
        }
        return new ArrayList<>(s);
    }
}
