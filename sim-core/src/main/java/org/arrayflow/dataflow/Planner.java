package org.arrayflow.dataflow;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

/**
 * One per architecture kind: decides what moves and what computes for a layer, as a program of tasks. It
 * never adds up time; the engine does. Stateless: what the kind decides once per network (which layers run
 * as fused groups, where activations live between layers, a tiling search over all layers) comes back from
 * {@link #planNetwork} as a value, and every per-layer call takes that value as input.
 *
 * @param <D> the kind's own network-level decisions ({@code Void} for a kind that has none beyond the groups
 *            and layer contexts of the {@link NetworkPlan})
 */
public interface Planner<D> {
    /**
     * The decisions for a whole network, made once before any layer is planned.
     *
     * @param scaleSimCompat SCALE-Sim conventions: folds are never split to fit partial sums, no activation
     *                       stays on chip between layers
     */
    NetworkPlan<D> planNetwork(Network net, boolean scaleSimCompat);

    /** A single layer as an engine program. */
    PlannedLayer plan(Layer layer, LayerContext context, D decisions);

    /**
     * What, besides the layer's shape and context, decides the plan for it (for example a mapping or tiling
     * override keyed by layer name); layers with equal shapes, contexts and keys are simulated once.
     */
    default Object planKey(Layer layer, D decisions) {
        return "";
    }

    /** A multi-layer group as one program (only for kinds whose network plan returns such groups). */
    default PlannedGroup planGroup(LayerGroup group, LayerContext context, D decisions) {
        throw new MappingException("this architecture kind does not fuse layers (group " + group.name() + ")");
    }
}
