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
}
