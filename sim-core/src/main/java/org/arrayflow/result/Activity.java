package org.arrayflow.result;

import org.arrayflow.tensor.Precision;

/**
 * What a layer's energy is priced from besides its traffic and cycles: the MACs the engine performed (for a
 * fused group with recomputation, more than the useful ones), the vector element operations, the datatypes of
 * its tensors, and the price of its MACs. Kept so a result can be priced again with other energy figures.
 *
 * @param macScale a MAC's cost relative to the architecture's MAC figure (1 in the architecture's own word)
 * @param macPj    a MAC's cost the architecture states for the layer's datatype, or NaN: the table's, scaled
 * @param gatedMacs of the MACs, those a zero operand gated (zero gating): no MAC energy
 * @param skippedMacs MACs of the layer the hardware did not perform (pruned weights it skips); with
 *                    {@code macs} they make the layer's dense MACs
 */
public record Activity(long macs, long vectorOps, Precision precision, double macScale, double macPj,
                       long gatedMacs, long skippedMacs) {

    /** Activity in the architecture's own word. */
    public Activity(long macs, long vectorOps, Precision precision) {
        this(macs, vectorOps, precision, 1, Double.NaN, 0, 0);
    }

    /** The energy of one MAC, given the architecture's MAC figure. */
    public double macUnitPj(double tableMacPj) {
        return Double.isNaN(macPj) ? tableMacPj * macScale : macPj;
    }
}
