package org.arrayflow.fusion;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a network into fused groups under the on-chip budget: a dynamic program over the layer sequence that
 * minimises the estimated time plus {@link #TRAFFIC_WEIGHT} of the DRAM transfer time, then total DRAM bytes,
 * then the number of groups. A group of one costs what the layer costs unfused; a longer group (a chain of
 * conv/pool layers, each reading the previous) costs its best-tile pyramid plan, if one fits. Both come from the
 * kind ({@link Costs}). The score is a sum along the program, so the program finds its least. Deterministic.
 *
 * <p>Until #17 the program minimised DRAM bytes alone, so a larger budget could pick a fused group that
 * recomputes more than its traffic saves: VGG-16 on fpga-zc706-qiu16, recompute, took 54.6 M cycles with 4 MiB
 * and 65.4 M with 6 MiB. Time alone is no better: groups that all compute-bound tie within a hair, and VGG-19 on
 * fpga-fused-vgg would then fuse conv2_1..pool5 without room for its weights, 0.2 % faster for 6.5 times the
 * traffic. With the traffic weighed in, moving more bytes must save at least 0.5 % of their transfer time.
 */
public final class Partitioner {
    /** Longest group considered (pyramids deeper than this grow past any BRAM budget in practice). */
    static final int MAX_DEPTH = 24;
    /** The share of its transfer time that a byte adds to a cut's score. */
    public static final double TRAFFIC_WEIGHT = 0.005;

    /** What the kind says a layer alone and a fused group's plan cost. */
    public interface Costs {
        /** Estimated cycles of the layer run alone. */
        double aloneCycles(Layer l);

        /** DRAM bytes of the layer run alone. */
        long aloneBytes(Layer l);

        /** Estimated cycles of a fused group run with this plan. */
        double groupCycles(PyramidPlan plan);

        /** The sustained DRAM bandwidth, bytes per cycle. */
        double bytesPerCycle();
    }

    private Partitioner() {}

    public static List<LayerGroup> partition(Network net, FusionPlanner planner, Costs costs) {
        List<Layer> ls = net.layers();
        int n = ls.size();
        double[] score = new double[n + 1];
        long[] bytes = new long[n + 1];
        int[] groups = new int[n + 1];
        int[] from = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            score[i] = Double.POSITIVE_INFINITY;
            for (int j = i - 1; j >= Math.max(0, i - MAX_DEPTH); j--) {
                double t;
                long b;
                if (j == i - 1) {
                    t = costs.aloneCycles(ls.get(j));
                    b = costs.aloneBytes(ls.get(j));
                } else {
                    if (!chainable(ls, j, i)) {
                        break;
                    }
                    try {
                        PyramidPlan plan = planner.plan(GroupChain.of(new LayerGroup(ls.subList(j, i))));
                        t = costs.groupCycles(plan);
                        b = plan.dramBytes();
                    } catch (MappingException e) {
                        continue;
                    }
                }
                double tt = score[j] + t + TRAFFIC_WEIGHT * b / costs.bytesPerCycle();
                long bb = bytes[j] + b;
                if (tt < score[i] || (tt == score[i] && (bb < bytes[i] || (bb == bytes[i] && groups[j] + 1 < groups[i])))) {
                    score[i] = tt;
                    bytes[i] = bb;
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
