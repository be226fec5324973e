package org.arrayflow.fusion;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The axis that holds only its clipped tiles gives what tracing every tile gives, on random chains. */
class AxisTest {
    @Test
    void sameAsTracingEveryTile() {
        Random rnd = new Random(5);
        int checked = 0;
        for (int n = 0; n < 4000; n++) {
            int layers = 1 + rnd.nextInt(4);
            FusionStrategy strategy = FusionStrategy.values()[rnd.nextInt(FusionStrategy.values().length)];
            int[] keff = new int[layers];
            int[] stride = new int[layers];
            int[] pad = new int[layers];
            int[] sizes = new int[layers + 1];
            sizes[0] = 1 + rnd.nextInt(80);
            boolean ok = true;
            for (int l = 0; l < layers && ok; l++) {
                stride[l] = 1 + rnd.nextInt(2);
                keff[l] = strategy == FusionStrategy.BLOCK ? stride[l] : 1 + 2 * rnd.nextInt(3);
                pad[l] = strategy == FusionStrategy.BLOCK ? 0 : rnd.nextInt(keff[l]);
                long out = strategy == FusionStrategy.BLOCK ? sizes[l] / stride[l]
                        : ((long) sizes[l] + 2L * pad[l] - keff[l]) / stride[l] + 1;
                ok = out >= 1;
                sizes[l + 1] = (int) Math.max(1, out);
            }
            if (!ok) {
                continue;
            }
            int tile = 1 + rnd.nextInt(sizes[layers]);
            Axis a = new Axis(sizes, keff, stride, pad, tile, strategy);
            int[][][] ref = everyTile(sizes, keff, stride, pad, tile, strategy);
            int tiles = ref[0].length;
            assertThat(a.tiles).isEqualTo(tiles);
            for (int l = 0; l <= layers; l++) {
                long sum = 0;
                int maxTraced = 0;
                int steady = tiles == 1 ? ref[2][0][l] : 0;
                for (int i = 0; i < tiles; i++) {
                    int traced = Math.max(0, ref[1][i][l] - ref[0][i][l] + 1);
                    assertThat(a.traced(i, l)).isEqualTo(traced);
                    assertThat(a.computed(i, l)).isEqualTo(ref[2][i][l]);
                    sum += ref[2][i][l];
                    maxTraced = Math.max(maxTraced, traced);
                    if (i >= 1) {
                        steady = Math.max(steady, ref[2][i][l]);
                    }
                }
                assertThat(a.sumComputed(l)).isEqualTo(sum);
                assertThat(a.maxTraced(l)).isEqualTo(maxTraced);
                assertThat(a.steadyComputed(l)).isEqualTo(steady);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(2000);
    }

    /** The tracing as written before: every tile, every level. [0] low, [1] high, [2] computed; [tile][level]. */
    private static int[][][] everyTile(int[] sizes, int[] keff, int[] stride, int[] pad, int tile, FusionStrategy s) {
        int levels = sizes.length;
        int last = levels - 1;
        int tiles = (sizes[last] + tile - 1) / tile;
        int[][] lo = new int[tiles][levels];
        int[][] hi = new int[tiles][levels];
        int[][] computed = new int[tiles][levels];
        for (int i = 0; i < tiles; i++) {
            lo[i][last] = i * tile;
            hi[i][last] = Math.min(sizes[last], (i + 1) * tile) - 1;
            for (int l = last - 1; l >= 0; l--) {
                long a = s == FusionStrategy.BLOCK ? (long) lo[i][l + 1] * stride[l]
                        : (long) lo[i][l + 1] * stride[l] - pad[l];
                long b = s == FusionStrategy.BLOCK ? (long) (hi[i][l + 1] + 1) * stride[l] - 1
                        : (long) hi[i][l + 1] * stride[l] - pad[l] + keff[l] - 1;
                lo[i][l] = (int) Math.max(0, a);
                hi[i][l] = (int) Math.min(sizes[l] - 1, b);
            }
            for (int l = 0; l < levels; l++) {
                int start = lo[i][l];
                if (s == FusionStrategy.REUSE && i > 0) {
                    start = Math.max(start, hi[i - 1][l] + 1);
                }
                computed[i][l] = Math.max(0, hi[i][l] - start + 1);
            }
        }
        return new int[][][] {lo, hi, computed};
    }
}
