package org.arrayflow.energy;

import java.util.List;

/**
 * Per-event energies of an architecture, with where they came from.
 *
 * @param levels one entry per memory level counted by the dataflow, in the same order (DRAM first)
 */
public record EnergyTable(double macPj, double vectorOpPj, double leakagePjPerCycle, List<LevelCost> levels,
                          String source) {

    public EnergyTable {
        levels = List.copyOf(levels);
    }

    /**
     * Costs of a memory level: per access of a word of {@code wordBits} (an access of a wider tensor word
     * costs proportionally more), or, for DRAM, per byte.
     */
    public record LevelCost(String name, double readPj, double writePj, int wordBits, boolean perByte) {}
}
