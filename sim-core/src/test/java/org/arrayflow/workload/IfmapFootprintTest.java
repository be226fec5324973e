package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored ifmap words a fold's K and M ranges touch ({@link Gemm#ifmapFootprint}): the M ranges that cover M
 * take each plane exactly once between them, whatever the range length, and no range takes more than the bound
 * the planner sizes buffers with.
 */
class IfmapFootprintTest {
    /** AlexNet Conv1 as SCALE-Sim lowers it: 3 planes of 224 x 224, 11 x 11 windows, 55 x 55 = 3025 rows. */
    private static final Gemm CONV1 = new Gemm(3025, 363, 96, 1, 3, 121, 224 * 224);

    @Test
    void mRangesThatCoverMTakeEachPlaneOnce() {
        for (long chunk : new long[] {1, 7, 32, 256, 1000, 3024, 3025, 5000}) {
            long sum = 0;
            for (long m0 = 0; m0 < CONV1.m(); m0 += chunk) {
                long len = Math.min(chunk, CONV1.m() - m0);
                long words = CONV1.ifmapFootprint(0, CONV1.k(), m0, len);
                assertThat(words).isLessThanOrEqualTo(CONV1.ifmapFootprintBound(0, CONV1.k(), len));
                sum += words;
            }
            assertThat(sum).as("M ranges of " + chunk).isEqualTo(CONV1.ifmapWords()).isEqualTo(150528);
        }
    }

    @Test
    void aKRangeTakesTheChannelPlanesItTouches() {
        // k 100..141 touches channels 0 (k 0..120) and 1 (k 121..241): two planes' shares of rows 0..255
        long share = 224 * 224 * 256 / 3025;
        assertThat(CONV1.ifmapFootprint(100, 42, 0, 256)).isEqualTo(2 * share);
        assertThat(CONV1.ifmapFootprint(121, 121, 0, 256)).isEqualTo(share);
    }

    @Test
    void aPlainProductCountsItsRowsTimesK() {
        Gemm g = Gemm.plain(100, 30, 10, 1);
        assertThat(g.ifmapFootprint(5, 10, 40, 20)).isEqualTo(200);
        assertThat(g.ifmapFootprintBound(5, 10, 20)).isEqualTo(200);
    }

    @Test
    void largePlanesDoNotOverflow() {
        Gemm g = new Gemm(1L << 40, 9, 1, 1, 1, 9, 1L << 40);
        assertThat(g.ifmapFootprint(0, 9, 1L << 39, 1L << 39)).isEqualTo(1L << 39);
    }
}
