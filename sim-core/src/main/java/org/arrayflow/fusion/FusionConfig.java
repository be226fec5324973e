package org.arrayflow.fusion;

import org.arrayflow.config.Position;

import java.util.List;

/**
 * Which layers run fused and how.
 *
 * @param groups   fused groups as ranges {@code first..last} of layer names (a single name is a group of one);
 *                 {@code ["auto"]} lets the partitioner choose under the on-chip budget; empty: no fusion
 * @param strategy what neighbouring pyramids do with their overlap
 * @param tileRows output-tile rows of each group's last layer (0: the largest that fits the budget)
 * @param tileCols output-tile columns (0: same as rows, or searched)
 * @param fromCommandLine groups or strategy were set on the command line (or a case's options), which
 *                 then take precedence over the workload's {@code fusion:} key; the architecture YAML's
 *                 settings come last
 * @param origins  where each group was written, for errors about
 *                 it once a workload is known; empty when not from a file
 */
public record FusionConfig(List<String> groups, FusionStrategy strategy, int tileRows, int tileCols,
                           boolean fromCommandLine, List<Position> origins) {
    public FusionConfig {
        groups = List.copyOf(groups);
        origins = origins.size() == groups.size() ? List.copyOf(origins) : List.of();
    }

    public FusionConfig(List<String> groups, FusionStrategy strategy, int tileRows, int tileCols,
                        boolean fromCommandLine) {
        this(groups, strategy, tileRows, tileCols, fromCommandLine, List.of());
    }

    public FusionConfig(List<String> groups, FusionStrategy strategy, int tileRows, int tileCols) {
        this(groups, strategy, tileRows, tileCols, false);
    }

    /** Where group {@code i} was written, or null if not from a file. */
    public Position origin(int i) {
        return i < origins.size() ? origins.get(i) : null;
    }

    public static final FusionConfig NONE = new FusionConfig(List.of(), FusionStrategy.REUSE, 0, 0);

    public boolean enabled() {
        return !groups.isEmpty();
    }

    public boolean auto() {
        return groups.size() == 1 && "auto".equals(groups.get(0));
    }

    /** Groups set on the command line. */
    public FusionConfig withGroups(List<String> g) {
        return new FusionConfig(g, strategy, tileRows, tileCols, true);
    }

    /** Strategy set on the command line. */
    public FusionConfig withStrategy(FusionStrategy s) {
        return new FusionConfig(groups, s, tileRows, tileCols, true, origins);
    }

    public FusionConfig withTile(int rows, int cols) {
        return new FusionConfig(groups, strategy, rows, cols, fromCommandLine, origins);
    }

    /**
     * The settings in force for a workload: the workload's groups and strategy replace the architecture
     * file's, unless the command line set them.
     */
    public FusionConfig forWorkload(List<String> workloadGroups, FusionStrategy workloadStrategy) {
        if (fromCommandLine) {
            return this;
        }
        return new FusionConfig(workloadGroups.isEmpty() ? groups : workloadGroups,
                workloadStrategy == null ? strategy : workloadStrategy, tileRows, tileCols, false,
                workloadGroups.isEmpty() ? origins : List.of());
    }
}
