package org.arrayflow.dataflow;

/**
 * A fused group turned into one engine program.
 *
 * @param computedMacs MACs the program performs: the group's useful MACs plus any recomputed ones
 */
public record PlannedGroup(PlannedLayer plan, LayerGroup group, long computedMacs) {
    public long usefulMacs() {
        long m = 0;
        for (var l : group.layers()) {
            m += l.macs();
        }
        return m;
    }

    public long extraMacs() {
        return computedMacs - usefulMacs();
    }
}
