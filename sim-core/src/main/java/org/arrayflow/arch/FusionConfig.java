package org.arrayflow.arch;

import java.util.List;

/**
 * Which layers run fused and how.
 *
 * @param groups   fused groups as ranges {@code first..last} of layer names (a single name is a group of one);
 *                 {@code ["auto"]} lets the partitioner choose under the on-chip budget; empty: no fusion
 * @param strategy what neighbouring pyramids do with their overlap
 * @param tileRows output-tile rows of each group's last layer (0: the largest that fits the budget)
 * @param tileCols output-tile columns (0: same as rows, or searched)
 */
public record FusionConfig(List<String> groups, FusionStrategy strategy, int tileRows, int tileCols) {
    public FusionConfig {
        groups = List.copyOf(groups);
    }

    public static final FusionConfig NONE = new FusionConfig(List.of(), FusionStrategy.REUSE, 0, 0);

    public boolean enabled() {
        return !groups.isEmpty();
    }

    public boolean auto() {
        return groups.size() == 1 && "auto".equals(groups.get(0));
    }

    public FusionConfig withGroups(List<String> g) {
        return new FusionConfig(g, strategy, tileRows, tileCols);
    }

    public FusionConfig withStrategy(FusionStrategy s) {
        return new FusionConfig(groups, s, tileRows, tileCols);
    }

    public FusionConfig withTile(int rows, int cols) {
        return new FusionConfig(groups, strategy, rows, cols);
    }
}
