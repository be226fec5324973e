package org.arrayflow.workload;

import java.util.List;

/**
 * Fused groups a workload asks for (top-level {@code fusion:} key): layer ranges {@code first..last} and
 * optionally the overlap strategy ({@code recompute}, {@code reuse}, or {@code block} for block
 * convolution, which changes the network's function near block edges and so belongs to the workload).
 * Used by architectures that fuse layers; others ignore it.
 *
 * @param strategy null when the workload leaves it to the architecture
 */
public record WorkloadFusion(List<String> groups, String strategy) {
    public static final WorkloadFusion NONE = new WorkloadFusion(List.of(), null);

    public WorkloadFusion {
        groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
        return groups.isEmpty() && strategy == null;
    }
}
