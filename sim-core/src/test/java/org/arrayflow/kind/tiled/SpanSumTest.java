package org.arrayflow.kind.tiled;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The closed forms the tiling search uses agree with a loop over every tile and every divisor. */
class SpanSumTest {
    @Test
    void spanSumEqualsTheSumOverEveryTile() {
        Random rnd = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            int size = 1 + rnd.nextInt(60);
            int keff = 1 + rnd.nextInt(7);
            int stride = 1 + rnd.nextInt(3);
            int pad = rnd.nextInt(keff + 2);
            long outL = ((long) size + 2L * pad - keff) / stride + 1;
            if (outL < 1) {
                continue;
            }
            int out = (int) outL;
            int t = 1 + rnd.nextInt(out);
            long loop = 0;
            for (int o0 = 0; o0 < out; o0 += t) {
                loop += ConvShape.span(o0, Math.min(t, out - o0), stride, pad, keff, size);
            }
            assertThat(ConvShape.spanSum(out, t, stride, pad, keff, size))
                    .as("out %d tile %d stride %d pad %d keff %d size %d", out, t, stride, pad, keff, size)
                    .isEqualTo(loop);
        }
    }

    @Test
    void distinctTilesAreEveryCeilingLargestFirst() {
        for (int size = 1; size <= 500; size++) {
            TreeSet<Integer> all = new TreeSet<>();
            for (int k = 1; k <= size; k++) {
                all.add((size + k - 1) / k);
            }
            assertThat(org.arrayflow.fusion.TileSizes.distinct(size)).isEqualTo(new ArrayList<>(all.descendingSet()));
        }
        List<Integer> wide = org.arrayflow.fusion.TileSizes.distinct(10_000_000);
        assertThat(wide).hasSizeLessThan(2 * 3163 + 2).startsWith(10_000_000, 5_000_000).endsWith(2, 1);
    }
}
