package org.arrayflow.dataflow;

import org.arrayflow.workload.Layer;

/**
 * One implementation per architecture kind: decides what moves and what computes for a layer,
 * as a program of tasks. It never adds up time; the engine does.
 */
public interface Dataflow {
    PlannedLayer plan(Layer layer, LayerContext context);

    /**
     * What, besides its shape and context, makes a layer's plan differ (e.g. a mapping keyed by layer name).
     * Layers with equal shapes, contexts and keys are simulated once.
     */
    default String planKey(Layer layer) {
        return "";
    }

    /** Names of the memory levels the program counts, index 0 first (DRAM). */
    java.util.List<String> levels();
}
