package org.arrayflow.sim;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.result.LayerResult;

/**
 * A step after a layer (or fused group) is simulated and accounted that restates its result by another
 * convention, such as SCALE-Sim's count of Total Cycles: the last step of the run pipeline.
 */
public interface ResultAdjustment {
    LayerResult adjust(LayerGroup group, LayerResult result);

    /**
     * Whether the step reads the engine's trace of the layer: the layer is then traced (and not shared with an
     * identical one), and the trace is dropped after this step unless the run itself traces.
     */
    default boolean readsTrace() {
        return false;
    }
}
