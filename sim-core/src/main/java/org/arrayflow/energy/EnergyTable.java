package org.arrayflow.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-event energies of an architecture, with where they came from. Memory levels are matched by name with
 * the levels a tile program counts ({@link EnergyAccount} checks that the two name the same levels).
 *
 * @param levels the cost of each memory level, DRAM first; names are unique
 */
public record EnergyTable(double macPj, double vectorOpPj, double leakagePjPerCycle, List<LevelCost> levels,
                          String source) {

    public EnergyTable {
        levels = List.copyOf(levels);
        Map<String, LevelCost> seen = new LinkedHashMap<>();
        for (LevelCost l : levels) {
            if (seen.put(l.name(), l) != null) {
                throw new IllegalArgumentException("energy table lists level " + l.name() + " twice");
            }
        }
    }

    /**
     * Costs of a memory level: per access of a word of {@code wordBits} (an access of a wider tensor word
     * costs proportionally more), or, for DRAM, per byte.
     */
    public record LevelCost(String name, double readPj, double writePj, int wordBits, boolean perByte) {}

    /** The cost of the level of that name, or null. */
    public LevelCost level(String name) {
        for (LevelCost l : levels) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    public List<String> levelNames() {
        return levels.stream().map(LevelCost::name).toList();
    }
}
