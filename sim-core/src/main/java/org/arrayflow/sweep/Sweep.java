package org.arrayflow.sweep;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.transform.Transform;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded and checked sweep: the base architecture's parsed tree, the parsed workloads (immutable,
 * shared by every point and thread), the axes, and the design points that pass the constraints.
 *
 * @param networks workload label (the workload's name, with any transforms) -> parsed network, in file order
 * @param pareto   metric pairs whose Pareto fronts are marked and drawn (latency vs energy first)
 * @param dropped  points removed by constraints
 */
public record Sweep(String file, String name, String archName, YamlDocument baseArch, Map<String, Network> networks,
                    List<Axis> axes, List<DesignPoint> points, long dropped, List<Metric[]> pareto) {

    public Sweep {
        axes = List.copyOf(axes);
        points = List.copyOf(points);
        pareto = List.copyOf(pareto);
    }

    /** The base architecture, unedited. */
    public Architecture baseArchitecture() {
        return ArchLoader.fromDocument(baseArch);
    }

    /** The architecture of one point (validated like a file). */
    public Architecture architecture(DesignPoint p) {
        return ArchEdit.build(baseArch, axes, p.values());
    }

    /**
     * The points of shard {@code i} of {@code n} (1-based): every n-th point of the enumeration starting at
     * the i-th, so shards are disjoint, together complete, and balanced across the grid.
     */
    public List<DesignPoint> shard(int i, int n) {
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("shard must be i/N with 1 <= i <= N, found " + i + "/" + n);
        }
        List<DesignPoint> out = new ArrayList<>();
        for (int k = i - 1; k < points.size(); k += n) {
            out.add(points.get(k));
        }
        return out;
    }

    /** A workload as a sweep names it: its name, with the transforms it was given after it in brackets. */
    static String workloadLabel(String workload, List<Transform> transforms) {
        if (transforms.isEmpty()) {
            return workload;
        }
        return workload + " [" + String.join("; ", transforms.stream().map(Transform::text).toList()) + "]";
    }

    public List<String> axisKeys() {
        return axes.stream().map(Axis::key).toList();
    }
}
