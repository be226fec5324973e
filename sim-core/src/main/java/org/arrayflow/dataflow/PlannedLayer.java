package org.arrayflow.dataflow;

import org.arrayflow.engine.TileProgram;

import java.util.Map;

/**
 * A layer turned into an engine program, with what is needed to read the engine's result.
 *
 * @param computeServer index of the server whose busy time is compute (the rest is stall)
 * @param peCount       processing elements, for utilisation
 * @param mapping       how the layer was mapped (folds, loop order, tile sizes...), for reports; ordered
 * @param skippedMacs   MACs of the layer the hardware skipped (pruned weights of a structured pattern)
 */
public record PlannedLayer(TileProgram program, int computeServer, long peCount, Map<String, String> mapping,
                           long skippedMacs) {
    public PlannedLayer {
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
    }

    /** A plan that does every MAC of its layer. */
    public PlannedLayer(TileProgram program, int computeServer, long peCount, Map<String, String> mapping) {
        this(program, computeServer, peCount, mapping, 0);
    }

    /** This plan with another mapping description. */
    public PlannedLayer withMapping(Map<String, String> m) {
        return new PlannedLayer(program, computeServer, peCount, m, skippedMacs);
    }
}
