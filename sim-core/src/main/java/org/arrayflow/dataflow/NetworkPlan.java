package org.arrayflow.dataflow;

import java.util.List;

/**
 * What a planner decided for a whole network, before planning any layer: the groups in execution order
 * (single layers, or fused groups), each layer's context (by position in the network), and the kind's own
 * decisions, which per-layer planning takes as input.
 */
public record NetworkPlan<D>(List<LayerGroup> groups, List<LayerContext> contexts, D decisions) {
    public NetworkPlan {
        groups = List.copyOf(groups);
        contexts = List.copyOf(contexts);
    }
}
