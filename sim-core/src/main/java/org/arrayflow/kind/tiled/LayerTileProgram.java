package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Zhang's loop nest for one matrix layer as an engine program (see {@link TileCost} for the loop order).
 * Input and weight tiles are loaded into double-buffered BRAM, so the next tile's loads run while the
 * engine computes; the engine stalls when a load is late (the layer is then bandwidth-bound). The input-channel
 * tiles of one output tile between the first and the last are one run of identical iterations
 * ({@link TileProgram#repeat}), so a layer's program grows with its output tiles, not with its input channels.
 * Where the architecture skips the layer's zero weights ({@link ZeroSkip}: one by one, or the pruned ones of its
 * structured N:M pattern), weight tiles carry the kept weights and an output tile's skipping time is spread evenly
 * over its input-channel steps. At a rate of r MACs per multiplier per
 * cycle ({@link TileCost}) a multiplier takes r pixels of its tile per cycle with one weight.
 */
final class LayerTileProgram {
    private LayerTileProgram() {}

    static PlannedLayer build(TiledFusionArch arch, Layer layer, TileCost cost) {
        ConvShape s = cost.shape();
        LoopTiling t = cost.tiling();
        int tm = t.tm();
        int tn = t.tn();
        int tr = t.tr();
        int tc = t.tc();
        Precision pr = cost.precision();
        int rate = cost.rate();
        boolean structured = arch.skipsPrunedWeights(layer);
        ZeroSkip skip = structured || arch.zeroSkipsWeights(layer)
                ? new ZeroSkip(s, pr.density(Tensor.WEIGHT), tn, rate) : null;
        long inCap = 2 * pr.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, (long) Math.min(tn, s.n()) * s.inputRowsMax(tr) * s.inputColsMax(tc));
        long wTile = (long) Math.min(tm, s.m()) * Math.min(tn, s.n()) * s.kernelArea();
        long wCap = 2 * pr.bytesAt(TiledProgram.BRAM, Tensor.WEIGHT, skip == null ? wTile : skip.keptWeights(wTile));
        long outCap = 2 * pr.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, (long) Math.min(tm, s.m()) * tr * tc);
        TiledProgram tp = new TiledProgram(arch, inCap, wCap, outCap);
        TileProgram p = tp.program();
        long k2 = s.kernelArea();
        long skipped = 0;
        for (long inst = 0; inst < s.instances(); inst++) {
            for (int r0 = 0; r0 < s.r(); r0 += tr) {
                int trA = Math.min(tr, s.r() - r0);
                int inRows = s.inputRows(r0, trA);
                for (int c0 = 0; c0 < s.c(); c0 += tc) {
                    int tcA = Math.min(tc, s.c() - c0);
                    int inCols = s.inputCols(c0, tcA);
                    for (int to = 0; to < s.m(); to += tm) {
                        int tmA = Math.min(tm, s.m() - to);
                        long outWords = (long) tmA * trA * tcA;
                        int last = -1;
                        int steps = (s.n() + tn - 1) / tn;
                        long pixels = (long) trA * tcA;
                        long tileCycles = skip == null ? 0 : skip.tileCycles(tmA, pixels);
                        long tileMacs = skip == null ? 0 : skip.tileMacs(tmA, pixels);
                        skipped += skip == null ? 0 : (long) tmA * s.n() * k2 * pixels - tileMacs;
                        for (int i = 0; i < steps; i++) {
                            int ti = i * tn;
                            int tnA = Math.min(tn, s.n() - ti);
                            int body = p.size();
                            long inWords = (long) tnA * inRows * inCols;
                            long wWords = skip == null ? (long) tmA * tnA * k2 : skip.keptWeights((long) tmA * tnA * k2);
                            int li = tp.load(pr, Tensor.IFMAP, TiledProgram.BUF_INPUT, inWords);
                            int lw = tp.load(pr, Tensor.WEIGHT, TiledProgram.BUF_WEIGHT, wWords);
                            int comp = skip == null
                                    ? tp.compute(k2 * TileCost.ceil(pixels, rate), (long) tmA * tnA * k2 * pixels, tmA,
                                            tnA, rate)
                                    : tp.compute(ZeroSkip.share(tileCycles, i, steps), ZeroSkip.share(tileMacs, i, steps),
                                            tmA, tnA, rate);
                            p.dependsOn(comp, li);
                            p.dependsOn(comp, lw);
                            p.frees(comp, TiledProgram.BUF_INPUT, pr.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, inWords));
                            p.frees(comp, TiledProgram.BUF_WEIGHT, pr.bytesAt(TiledProgram.BRAM, Tensor.WEIGHT, wWords));
                            if (ti == 0) {
                                p.allocates(comp, TiledProgram.BUF_OUTPUT, pr.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, outWords));
                            }
                            last = comp;
                            if (i == 1 && steps > 3 && (skip == null
                                    || ZeroSkip.even(tileCycles, steps) && ZeroSkip.even(tileMacs, steps))) {
                                // the input-channel tiles between the first (which takes the output tile) and
                                // the last (maybe ragged) are identical: one run, written once
                                p.repeat(body, steps - 2);
                                i = steps - 2;
                            }
                        }
                        tp.store(pr, Tensor.OFMAP, outWords, last, TiledProgram.BUF_OUTPUT, outWords);
                    }
                }
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engine", "Tm=" + tm + " Tn=" + tn);
        m.put("tile", "Tr=" + tr + " Tc=" + tc);
        m.put("tiles", String.valueOf(cost.tiles()));
        m.put("bram_bytes", String.valueOf(cost.bramBytes()));
        m.put("ctc_flop_per_byte", String.format(Locale.ROOT, "%.2f", cost.ctcFlopsPerByte()));
        m.put("roofline_cycles", String.valueOf(Math.round(cost.rooflineCycles(arch.sustainedDramBytesPerCycle()))));
        if (structured) {
            m.put("structured", arch.sparsity().structured() + " (" + skipped + " MACs skipped)");
        } else if (skip != null) {
            m.put("zero_skip", "busiest PE keeps " + skip.busiest(Math.min(tm, s.m())) + " of " + s.n() * k2
                    + " weights");
        }
        return new PlannedLayer(p, TiledProgram.SRV_ENGINE, (long) tm * tn * rate, m, skipped);
    }
}
