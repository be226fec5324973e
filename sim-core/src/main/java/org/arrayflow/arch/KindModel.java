package org.arrayflow.arch;

import org.arrayflow.dataflow.Dataflow;
import org.arrayflow.energy.EnergyTable;

/**
 * What the simulator needs of one architecture, made by its kind: the dataflow that plans each layer, the
 * energy table that prices the counted events, the width of words and partial sums, and the buffer (if any)
 * where activations can stay between layers.
 *
 * @param activationBuffer    index of a buffer holding both ifmap and ofmap, or -1
 * @param planningReadsEnergy true if the plan (what moves, when) depends on energy figures, as a mapping search
 *                            by energy does: then a result cannot be re-priced with other energy figures
 */
public record KindModel(Dataflow dataflow, EnergyTable energy, int wordBits, int psumBits, int bufferCount,
                        int activationBuffer, long activationBufferBytes, boolean planningReadsEnergy) {
}
