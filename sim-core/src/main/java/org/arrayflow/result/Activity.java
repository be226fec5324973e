package org.arrayflow.result;

import org.arrayflow.tensor.Precision;

/**
 * What a layer's energy is priced from besides its traffic and cycles: the MACs the engine performed (for a
 * fused group with recomputation, more than the useful ones), the vector element operations, and the
 * datatypes of its tensors. Kept so a result can be priced again with other energy figures.
 */
public record Activity(long macs, long vectorOps, Precision precision) {}
