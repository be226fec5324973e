package org.arrayflow.dataflow;

import java.util.List;

/**
 * Where a layer's data is when it starts, decided at network level.
 *
 * @param inputOnChip    per input of the layer: true if it is already in an on-chip buffer (no DRAM load)
 * @param keepOutput     true if the output stays on chip for a later layer (no DRAM store)
 * @param residentBytes  per buffer of the architecture: bytes taken by other live tensors, not usable by this layer
 * @param scaleSimCompat SCALE-Sim conventions: folds are never split to fit partial sums
 */
public record LayerContext(List<Boolean> inputOnChip, boolean keepOutput, long[] residentBytes, boolean scaleSimCompat) {

    public LayerContext {
        inputOnChip = List.copyOf(inputOnChip);
        residentBytes = residentBytes.clone();
    }

    /** Everything in DRAM before, everything back to DRAM after: the layer in isolation. */
    public static LayerContext isolated(int inputs, int buffers) {
        return new LayerContext(java.util.Collections.nCopies(Math.max(inputs, 1), false), false, new long[buffers], false);
    }

    public boolean inputOnChip(int i) {
        return i < inputOnChip.size() && inputOnChip.get(i);
    }

    @Override
    public long[] residentBytes() {
        return residentBytes.clone();
    }

    public long residentBytes(int buffer) {
        return residentBytes[buffer];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerContext c && c.inputOnChip.equals(inputOnChip) && c.keepOutput == keepOutput
                && java.util.Arrays.equals(c.residentBytes, residentBytes) && c.scaleSimCompat == scaleSimCompat;
    }

    @Override
    public int hashCode() {
        return (inputOnChip.hashCode() * 31 + Boolean.hashCode(keepOutput)) * 31 + java.util.Arrays.hashCode(residentBytes)
                + Boolean.hashCode(scaleSimCompat);
    }
}
