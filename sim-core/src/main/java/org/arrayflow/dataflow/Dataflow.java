package org.arrayflow.dataflow;

import org.arrayflow.workload.Layer;

/**
 * One implementation per architecture kind: decides what moves and what computes for a layer,
 * as a program of tasks. It never adds up time; the engine does.
 */
public interface Dataflow {
    PlannedLayer plan(Layer layer, LayerContext context);

    /** Names of the memory levels the program counts, index 0 first (DRAM). */
    java.util.List<String> levels();

    /**
     * How the network's layers are grouped for this dataflow, in execution order. The default runs every
     * layer alone; a dataflow that fuses layers returns multi-layer groups and plans them with
     * {@link #planGroup}. Called once per network, before any plan.
     */
    default java.util.List<LayerGroup> groups(org.arrayflow.workload.Network net) {
        return LayerGroup.singletons(net);
    }

    /**
     * What, besides the layer's shape and context, decides this dataflow's plan for it (for example a
     * mapping or tiling override keyed by layer name); layers with equal shapes, contexts and keys are
     * simulated once.
     */
    default Object planKey(Layer layer) {
        return "";
    }

    /** Plans a multi-layer group as one program (only for dataflows whose {@link #groups} returns such groups). */
    default PlannedGroup planGroup(LayerGroup group, LayerContext context) {
        throw new MappingException("this dataflow does not fuse layers (group " + group.name() + ")");
    }
}
