package org.arrayflow.study.fusion;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.fusion.GroupChain;
import org.arrayflow.fusion.PyramidPlan;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Off-chip traffic and on-chip storage of a fused group as it grows one layer at a time from a first layer
 * (depth 1..N, as long as the layers form a conv/pool chain), for each strategy. The output tile is chosen
 * so the pyramid advances {@code step} input pixels (tile = max(1, step / the group's total stride)), which
 * keeps the base of the pyramid comparable across depths. Budget-independent: storage is what the group
 * needs, for comparison with a budget.
 */
public final class DepthSweep {
    private DepthSweep() {}

    public record Point(int depth, String lastLayer, FusionStrategy strategy, int tile, long featureBytes,
                        long storageBytes, long usefulMacs, long extraMacs, long unfusedFeatureBytes) {}

    public static List<Point> run(Network net, String firstLayer, int maxDepth, int step,
                                  Function<Layer, Precision> precision,
                                  List<FusionStrategy> strategies) {
        List<Layer> ls = net.layers();
        int start = net.layer(firstLayer).index();
        List<Point> out = new ArrayList<>();
        for (int d = 1; d <= maxDepth && start + d <= ls.size(); d++) {
            List<Layer> g = ls.subList(start, start + d);
            GroupChain chain;
            try {
                chain = GroupChain.of(new LayerGroup(g));
            } catch (org.arrayflow.dataflow.MappingException e) {
                break;
            }
            int stride = 1;
            for (var w : chain.windows()) {
                stride *= w.sh();
            }
            int tile = Math.max(1, step / stride);
            for (FusionStrategy s : strategies) {
                PyramidPlan p = new PyramidPlan(chain, s, tile, tile, g.stream().map(precision).toList(), Long.MAX_VALUE);
                out.add(new Point(d, g.get(d - 1).name(), s, p.tileRows, p.featureDramBytes(), p.storageBytes(),
                        p.usefulMacs, p.extraMacs(), p.unfusedFeatureBytes()));
            }
        }
        return out;
    }
}
