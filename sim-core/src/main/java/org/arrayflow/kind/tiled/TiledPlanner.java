package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.PlannedGroup;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.dataflow.ResidencyPlan;
import org.arrayflow.fusion.FuseSpec;
import org.arrayflow.fusion.FusionConfig;
import org.arrayflow.fusion.FusionPlanner;
import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.fusion.GroupChain;
import org.arrayflow.fusion.Partitioner;
import org.arrayflow.fusion.PyramidPlan;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiled-fusion planner. Per network: the tiling search picks the engine (Tm x Tn) and each layer's
 * output tile; then the fused groups are fixed (from the configuration) or chosen by the partitioner. These
 * come back as {@link Decisions}, which per-layer planning takes as input. Single layers run Zhang's tiled
 * loop nest ({@link LayerTileProgram}) or a streamed pass for layers without MACs; fused groups run as
 * pyramids ({@link FusedGroupProgram}).
 */
public final class TiledPlanner implements Planner<TiledPlanner.Decisions> {
    /**
     * What the kind decides once per network.
     *
     * @param tiling each matrix layer's tiling and cost, by layer name, in network order
     * @param engine the engine the search chose (null if the network has no matrix layer)
     * @param fusion the fusion settings in force for this workload
     */
    public record Decisions(Map<String, TileCost> tiling, LoopTiling engine, FusionConfig fusion) {
        public Decisions {
            tiling = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tiling));
        }
    }

    private final TiledFusionArch arch;

    public TiledPlanner(TiledFusionArch arch) {
        this.arch = arch;
    }

    @Override
    public NetworkPlan<Decisions> planNetwork(Network net, boolean scaleSimCompat) {
        Map<String, TileCost> tiling = searchTiling(net);
        LoopTiling engine = tiling.isEmpty() ? null : tiling.values().iterator().next().tiling();
        FusionConfig fusion = arch.fusion().forWorkload(net.fusion().groups(),
                net.fusion().strategy() == null ? null : FusionStrategy.fromLabel(net.fusion().strategy()));
        Decisions d = new Decisions(tiling, engine, fusion);
        List<LayerGroup> groups;
        if (!fusion.enabled()) {
            groups = LayerGroup.singletons(net);
        } else if (fusion.auto()) {
            groups = Partitioner.partition(net, fusionPlanner(fusion), new Costs(d));
        } else {
            groups = FuseSpec.resolve(net, fusion);
        }
        return new NetworkPlan<>(groups, ResidencyPlan.offChip(net, 3, scaleSimCompat), d);
    }

    /** The tiling search over the network's matrix layers. */
    private Map<String, TileCost> searchTiling(Network net) {
        List<Layer> matrix = new ArrayList<>();
        for (Layer l : net.layers()) {
            if (l.kind().isMatrix()) {
                matrix.add(l);
            }
        }
        return matrix.isEmpty() ? Map.of() : new TilingSearch(arch).search(matrix);
    }

    private FusionPlanner fusionPlanner(FusionConfig f) {
        return new FusionPlanner(f.strategy(), arch::precision, arch.onChipBytes(), f.tileRows(), f.tileCols());
    }

    /**
     * What the partitioner compares: roofline times, max(compute, DRAM bytes / bandwidth), of a layer alone (its
     * tiled loop nest, or one streamed pass for layers without MACs) and of a fused group (every layer's computed
     * pixels on its engine, recomputed ones included, against the group's traffic), DRAM bytes and the bandwidth.
     */
    private final class Costs implements Partitioner.Costs {
        private final Decisions d;
        private final double bytesPerCycle = arch.sustainedDramBytesPerCycle();

        Costs(Decisions d) {
            this.d = d;
        }

        @Override
        public double aloneCycles(Layer l) {
            TileCost c = d.tiling().get(l.name());
            if (c != null) {
                return c.rooflineCycles(bytesPerCycle);
            }
            return Math.max(aloneBytes(l) / bytesPerCycle, (double) l.vectorOps() / lanes(d));
        }

        @Override
        public long aloneBytes(Layer l) {
            TileCost c = d.tiling().get(l.name());
            if (c != null) {
                return c.dramBytes();
            }
            Precision p = arch.precision(l);
            return p.bytesAt(TiledProgram.DRAM, Tensor.IFMAP, l.inputWords())
                    + p.bytesAt(TiledProgram.DRAM, Tensor.OFMAP, l.outputWords());
        }

        @Override
        public double bytesPerCycle() {
            return bytesPerCycle;
        }

        @Override
        public double groupCycles(PyramidPlan plan) {
            double compute = 0;
            for (int i = 0; i < plan.chain.depth(); i++) {
                Layer l = plan.chain.layer(i);
                TileCost c = d.tiling().get(l.name());
                LoopTiling e = c != null ? c.tiling() : engineOrDefault(d);
                compute += plan.chain.batch() * FusedGroupProgram.layerCycles(arch, l, plan.computedPixels(i + 1), e);
            }
            return Math.max(compute, plan.dramBytes() / bytesPerCycle);
        }
    }

    /** Layers of equal shape may still differ in tiling (per-layer overrides). */
    @Override
    public Object planKey(Layer layer, Decisions d) {
        TileCost c = d.tiling().get(layer.name());
        return c == null ? "" : c.tiling();
    }

    @Override
    public PlannedLayer plan(Layer layer, LayerContext ctx, Decisions d) {
        if (!layer.kind().isMatrix()) {
            return StreamPass.build(arch, layer, lanes(d));
        }
        TileCost c = d.tiling().get(layer.name());
        if (c == null || !c.shape().equals(ConvShape.of(layer))) {
            c = new TilingSearch(arch).search(List.of(layer)).get(layer.name());
        }
        return LayerTileProgram.build(arch, layer, c);
    }

    @Override
    public PlannedGroup planGroup(LayerGroup group, LayerContext ctx, Decisions d) {
        for (Layer l : group.layers()) {
            if (arch.zeroSkipsWeights(l) || arch.skipsPrunedWeights(l)) {
                throw new MappingException("layer '" + l.name() + "': skipping pruned weights is modelled for layers "
                        + "run alone, not in fused groups; leave it out of the group");
            }
        }
        PyramidPlan plan = fusionPlanner(d.fusion()).plan(GroupChain.of(group));
        List<LoopTiling> engines = new ArrayList<>();
        for (Layer l : group.layers()) {
            TileCost c = d.tiling().get(l.name());
            engines.add(c != null ? c.tiling() : engineOrDefault(d));
        }
        return FusedGroupProgram.build(arch, plan, engines);
    }

    private LoopTiling engineOrDefault(Decisions d) {
        if (d.engine() != null) {
            return d.engine();
        }
        if (arch.tiling().engineFixed()) {
            return arch.tiling();
        }
        throw new MappingException("no engine tiling chosen yet (the group has no matrix layer)");
    }

    /** Element operations per cycle for layers without MACs: one per output-channel lane. */
    private int lanes(Decisions d) {
        if (d.engine() != null) {
            return d.engine().tm();
        }
        return arch.tiling().tm() > 0 ? arch.tiling().tm() : (int) Math.max(1, Math.min(64, arch.macUnits()));
    }
}
