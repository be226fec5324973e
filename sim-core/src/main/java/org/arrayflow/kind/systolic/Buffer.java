package org.arrayflow.kind.systolic;

import org.arrayflow.tensor.Tensor;

import java.util.Set;

/**
 * An on-chip SRAM: capacity, which tensors it holds, its word width and per-word access energies.
 */
public record Buffer(String name, long sizeBytes, Set<Tensor> holds, int wordBits,
                     double readEnergyPj, double writeEnergyPj) {
    public Buffer {
        holds = Set.copyOf(holds);
    }

    public boolean holds(Tensor t) {
        return holds.contains(t);
    }
}
