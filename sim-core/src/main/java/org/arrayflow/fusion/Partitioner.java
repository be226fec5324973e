package org.arrayflow.fusion;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Cuts a network into fused groups under the on-chip budget: a dynamic program over the layer sequence
 * that minimises total DRAM bytes, where a group of one costs what the layer costs unfused and a longer
 * group (a chain of conv/pool layers, each reading the previous) costs its best-tile pyramid plan, if one
 * fits. Ties go to fewer groups. Deterministic.
 */
public final class Partitioner {
    /** Longest group considered (pyramids deeper than this grow past any BRAM budget in practice). */
    static final int MAX_DEPTH = 24;

    private Partitioner() {}

    public static List<LayerGroup> partition(Network net, FusionPlanner planner, ToLongFunction<Layer> unfusedBytes) {
        List<Layer> ls = net.layers();
        int n = ls.size();
        long[] cost = new long[n + 1];
        int[] groups = new int[n + 1];
        int[] from = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            cost[i] = Long.MAX_VALUE;
            for (int j = i - 1; j >= Math.max(0, i - MAX_DEPTH); j--) {
                long c;
                if (j == i - 1) {
                    c = unfusedBytes.applyAsLong(ls.get(j));
                } else {
                    if (!chainable(ls, j, i)) {
                        break;
                    }
                    try {
                        c = planner.plan(GroupChain.of(new LayerGroup(ls.subList(j, i)))).dramBytes();
                    } catch (MappingException e) {
                        continue;
                    }
                }
                long total = cost[j] + c;
                if (total < cost[i] || (total == cost[i] && groups[j] + 1 < groups[i])) {
                    cost[i] = total;
                    groups[i] = groups[j] + 1;
                    from[i] = j;
                }
            }
        }
        List<LayerGroup> out = new ArrayList<>();
        for (int i = n; i > 0; i = from[i]) {
            out.add(0, new LayerGroup(ls.subList(from[i], i)));
        }
        return out;
    }

    /** Layers [j, i) form a chain of fusable layers, each reading the one before. */
    private static boolean chainable(List<Layer> ls, int j, int i) {
        for (int k = j; k < i; k++) {
            Layer l = ls.get(k);
            if (!GroupChain.fusable(l)) {
                return false;
            }
            if (k > j && (l.inputs().size() != 1 || !l.inputs().get(0).equals(ls.get(k - 1).name()))) {
                return false;
            }
        }
        return true;
    }
}
