package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.Dataflow;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.PlannedGroup;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.fusion.FuseSpec;
import org.arrayflow.fusion.FusionConfig;
import org.arrayflow.fusion.FusionPlanner;
import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.fusion.GroupChain;
import org.arrayflow.fusion.Partitioner;
import org.arrayflow.fusion.PyramidPlan;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiled-fusion dataflow. Per network: the tiling search picks the engine (Tm x Tn) and each layer's
 * output tile; then the fused groups are fixed (from the configuration) or chosen by the partitioner.
 * Single layers run Zhang's tiled loop nest ({@link LayerTileProgram}) or a streamed pass for layers
 * without MACs; fused groups run as pyramids ({@link FusedGroupProgram}).
 */
public final class TiledPlanner implements Dataflow {
    private final TiledFusionArch arch;
    private final Map<String, TileCost> tiling = new LinkedHashMap<>();
    private LoopTiling engine;
    private FusionConfig fusion;

    public TiledPlanner(TiledFusionArch arch) {
        this.arch = arch;
        this.fusion = arch.fusion();
    }

    @Override
    public List<String> levels() {
        return TiledProgram.LEVELS;
    }

    /** Runs the tiling search over the network's matrix layers (done by {@link #groups}). */
    public Map<String, TileCost> searchTiling(Network net) {
        List<Layer> matrix = new ArrayList<>();
        for (Layer l : net.layers()) {
            if (l.kind().isMatrix()) {
                matrix.add(l);
            }
        }
        tiling.clear();
        if (!matrix.isEmpty()) {
            tiling.putAll(new TilingSearch(arch).search(matrix));
            engine = tiling.values().iterator().next().tiling();
        }
        return java.util.Collections.unmodifiableMap(tiling);
    }

    @Override
    public List<LayerGroup> groups(Network net) {
        searchTiling(net);
        fusion = arch.fusion().forWorkload(net.fusion().groups(),
                net.fusion().strategy() == null ? null : FusionStrategy.fromLabel(net.fusion().strategy()));
        FusionConfig f = fusion;
        if (!f.enabled()) {
            return LayerGroup.singletons(net);
        }
        if (f.auto()) {
            return Partitioner.partition(net, fusionPlanner(), this::unfusedBytes);
        }
        return FuseSpec.resolve(net, f.groups());
    }

    public FusionPlanner fusionPlanner() {
        FusionConfig f = fusion;
        return new FusionPlanner(f.strategy(), arch.wordBytes(), arch.onChipBytes(), f.tileRows(), f.tileCols());
    }

    /** DRAM bytes of a layer run alone: the tiled loop nest's traffic, or one pass for layers without MACs. */
    long unfusedBytes(Layer l) {
        TileCost c = tiling.get(l.name());
        if (c != null) {
            return c.dramWords() * arch.wordBytes();
        }
        return (l.inputWords() + l.outputWords()) * arch.wordBytes();
    }

    /** Layers of equal shape may still differ in tiling (per-layer overrides). */
    @Override
    public Object planKey(Layer layer) {
        TileCost c = tiling.get(layer.name());
        return c == null ? "" : c.tiling();
    }

    @Override
    public PlannedLayer plan(Layer layer, LayerContext ctx) {
        if (!layer.kind().isMatrix()) {
            return StreamPass.build(arch, layer, lanes());
        }
        TileCost c = tiling.get(layer.name());
        if (c == null || !c.shape().equals(ConvShape.of(layer))) {
            c = new TilingSearch(arch).search(List.of(layer)).get(layer.name());
        }
        return LayerTileProgram.build(arch, layer, c);
    }

    @Override
    public PlannedGroup planGroup(LayerGroup group, LayerContext ctx) {
        PyramidPlan plan = fusionPlanner().plan(GroupChain.of(group));
        List<LoopTiling> engines = new ArrayList<>();
        for (Layer l : group.layers()) {
            TileCost c = tiling.get(l.name());
            engines.add(c != null ? c.tiling() : engineOrDefault());
        }
        return FusedGroupProgram.build(arch, plan, engines);
    }

    private LoopTiling engineOrDefault() {
        if (engine != null) {
            return engine;
        }
        if (arch.tiling().engineFixed()) {
            return arch.tiling();
        }
        throw new MappingException("no engine tiling chosen yet (the group has no matrix layer)");
    }

    /** Element operations per cycle for layers without MACs: one per output-channel lane. */
    private int lanes() {
        if (engine != null) {
            return engine.tm();
        }
        return arch.tiling().tm() > 0 ? arch.tiling().tm() : (int) Math.max(1, Math.min(64, arch.macUnits()));
    }
}
