package org.arrayflow.fusion;

import java.util.ArrayList;
import java.util.List;

/** The tile sizes worth trying along one dimension, for the tiling search and the fused-group planner. */
public final class TileSizes {
    private TileSizes() {}

    /**
     * Tile sizes that give distinct tile counts over a dimension: ceil(size / k) for k = 1..size, largest first.
     * ceil(size / k) = floor((size − 1) / k) + 1 takes about 2·sqrt(size) values, found a block of equal k at a time
     * (a loop over every k hung on a 10^7-wide layer, issue #18 item 6).
     */
    public static List<Integer> distinct(int size) {
        List<Integer> out = new ArrayList<>();
        long m = size - 1L;
        for (long k = 1; k <= m; ) {
            long q = m / k;
            out.add((int) (q + 1));
            k = m / q + 1;
        }
        out.add(1);
        return out;
    }
}
