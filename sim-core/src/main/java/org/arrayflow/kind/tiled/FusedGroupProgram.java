package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.PlannedGroup;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.fusion.GroupChain;
import org.arrayflow.fusion.PyramidPlan;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fused group as an engine program. Pyramids run in raster order, one image at a time: load the
 * pyramid's input region (the new part only, for reuse), then each layer's region on the shared Tm x Tn
 * engine in turn, then store the output tile. The next pyramid's input loads while the current one
 * computes (the input and output tiles are double-buffered); intermediate tiles and reuse caches stay in
 * BRAM (their size is {@link PyramidPlan#storageBytes}). Resident weights load once at the start;
 * otherwise each layer's weights stream in again for every pyramid.
 *
 * <p>A conv layer's region of r x c pixels takes ceil(M/Tm)·ceil(N/Tn)·K²·r·c cycles per group; a pooling
 * region takes its window operations spread over Tm lanes.
 */
public final class FusedGroupProgram {
    private FusedGroupProgram() {}

    public static PlannedGroup build(TiledFusionArch arch, PyramidPlan plan, List<LoopTiling> engines) {
        GroupChain ch = plan.chain;
        int n = ch.depth();
        Precision in = arch.precision(ch.layer(0));
        Precision out = arch.precision(ch.layer(n - 1));
        long c0 = ch.levels()[0].channels();
        long cL = ch.levels()[n].channels();
        long maxIn = 0;
        long maxOut = 0;
        for (int i = 0; i < plan.rowTiles(); i++) {
            for (int j = 0; j < plan.colTiles(); j++) {
                maxIn = Math.max(maxIn, plan.computedPixels(i, j, 0) * c0);
                maxOut = Math.max(maxOut, plan.tracedPixels(i, j, n) * cL);
            }
        }
        TiledProgram tp = new TiledProgram(arch, 2 * in.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, maxIn),
                in.bytes(Tensor.WEIGHT, 1),
                2 * out.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, maxOut));
        TileProgram p = tp.program();
        int[] residentLoad = new int[n];
        java.util.Arrays.fill(residentLoad, -1);
        if (plan.weightsResident) {
            for (int l = 0; l < n; l++) {
                if (ch.layer(l).weights() > 0) {
                    residentLoad[l] = tp.load(arch.precision(ch.layer(l)), Tensor.WEIGHT, -1, ch.layer(l).weights());
                }
            }
        }
        long computed = 0;
        for (int b = 0; b < ch.batch(); b++) {
            for (int i = 0; i < plan.rowTiles(); i++) {
                for (int j = 0; j < plan.colTiles(); j++) {
                    long inWords = plan.computedPixels(i, j, 0) * c0;
                    int ld = inWords > 0 ? tp.load(in, Tensor.IFMAP, TiledProgram.BUF_INPUT, inWords) : -1;
                    int prev = -1;
                    for (int l = 0; l < n; l++) {
                        Layer layer = ch.layer(l);
                        long pixels = plan.computedPixels(i, j, l + 1);
                        int wl = residentLoad[l];
                        if (!plan.weightsResident && layer.weights() > 0) {
                            wl = tp.load(arch.precision(layer), Tensor.WEIGHT, -1, layer.weights());
                        }
                        int comp = layerTask(arch, tp, layer, pixels, engines.get(l));
                        computed += pixels * PyramidPlan.macsPerPixel(layer);
                        p.dependsOn(comp, prev);
                        p.dependsOn(comp, wl);
                        if (l == 0) {
                            p.dependsOn(comp, ld);
                            if (inWords > 0) {
                                p.frees(comp, TiledProgram.BUF_INPUT, in.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, inWords));
                            }
                        }
                        prev = comp;
                    }
                    long outWords = plan.computedPixels(i, j, n) * cL;
                    p.allocates(prev, TiledProgram.BUF_OUTPUT, out.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, outWords));
                    tp.store(out, Tensor.OFMAP, outWords, prev, TiledProgram.BUF_OUTPUT, outWords);
                }
            }
        }
        if (computed != plan.computedMacs) {
            throw new IllegalStateException("fused program MACs " + computed + " differ from the plan's "
                    + plan.computedMacs);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("strategy", plan.strategy.label());
        m.put("tile", plan.tileRows + "x" + plan.tileCols);
        m.put("pyramids", String.valueOf(plan.pyramids()));
        m.put("engine", "Tm=" + engines.get(0).tm() + " Tn=" + engines.get(0).tn());
        m.put("extra_macs", String.valueOf(plan.extraMacs()));
        m.put("storage_bytes", String.valueOf(plan.storageBytes()));
        m.put("weights_resident", String.valueOf(plan.weightsResident));
        m.put("feature_dram_bytes", String.valueOf(plan.featureDramBytes()));
        m.put("unfused_one_pass_feature_bytes", String.valueOf(plan.unfusedFeatureBytes()));
        m.put("recompute_factor", String.format(Locale.ROOT, "%.4f", (double) plan.computedMacs
                / Math.max(1, plan.usefulMacs)));
        int rate = 1; // the group's peak counts its fastest mode
        for (int l = 0; l < n; l++) {
            if (ch.layer(l).kind() == LayerKind.CONV2D) {
                rate = Math.max(rate, arch.compute(ch.layer(l)).runsAs().macsPerCycle());
            }
        }
        long units = (long) engines.get(0).tm() * engines.get(0).tn() * rate;
        return new PlannedGroup(new PlannedLayer(p, TiledProgram.SRV_ENGINE, units, m), ch.group(), computed);
    }

    private static int layerTask(TiledFusionArch arch, TiledProgram tp, Layer layer, long pixels, LoopTiling e) {
        long cycles = layerCycles(arch, layer, pixels, e);
        if (layer.kind() == LayerKind.CONV2D) {
            long mOut = layer.output().channels() / layer.groups();
            long nIn = layer.input().channels() / layer.groups();
            return tp.compute(cycles, pixels * PyramidPlan.macsPerPixel(layer), (int) Math.min(e.tm(), mOut),
                    (int) Math.min(e.tn(), nIn), arch.compute(layer).runsAs().macsPerCycle());
        }
        return tp.compute(cycles, 0, 1, 1);
    }

    /**
     * Engine cycles of a layer's region of {@code pixels} output pixels (per image); a convolution's multipliers take
     * as many pixels a cycle as the layer's compute mode does MACs ({@link TileCost}).
     */
    static long layerCycles(TiledFusionArch arch, Layer layer, long pixels, LoopTiling e) {
        if (layer.kind() == LayerKind.CONV2D) {
            int g = layer.groups();
            long mOut = layer.output().channels() / g;
            long nIn = layer.input().channels() / g;
            return g * ceil(mOut, e.tm()) * ceil(nIn, e.tn()) * layer.window().area()
                    * ceil(pixels, arch.compute(layer).runsAs().macsPerCycle());
        }
        return ceil(pixels * layer.output().channels() * layer.window().area(), e.tm());
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
