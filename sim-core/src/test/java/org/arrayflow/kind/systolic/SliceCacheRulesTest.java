package org.arrayflow.kind.systolic;

import org.arrayflow.result.LayerResult;
import org.junit.jupiter.api.Test;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.separate;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DRAM rules of small buffers on a 4x4 array (8-bit words, 32-bit partial sums): slices are cached
 * least recently used first, a cached slice takes at most half its buffer, the loop order with less DRAM
 * traffic wins (rows-outer on a tie), and WS/IS cut the streamed dimension so a fold's partial sums fit
 * half the partial-sum buffer.
 */
class SliceCacheRulesTest {
    private static final double B32 = 32 / 1024.0;

    @Test
    void loopOrderKeepsTheSmallBufferOperandStationary() {
        // OS, M=8 (2 row folds), K=4, N=12 (3 col folds). ifmap slices (4 pixels x K=4) 16 B each, weight slices
        // (K=4 x 4 filters) 16 B each. Filter SRAM 32 B holds two weight slices, ifmap SRAM is ample.
        // rows-outer: weights w0 w1 w2 | w0 w1 w2 with two LRU slots: 6 misses x 16 = 96 B.
        // cols-outer: each weight slice once (48 B) while both ifmap slices stay cached (32 B). Chosen.
        LayerResult r = isolated(separate(4, 4, "output-stationary", 64, B32, 64, 1000, 0), gemm(8, 4, 12));
        assertThat(r.mapping()).containsEntry("loop_order", "cols-outer");
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(48);
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(32);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(96);
    }

    @Test
    void leastRecentlyUsedThrashesOnACyclicSweep() {
        // OS, M=12 and N=12: 3 x 3 folds, every slice 16 B, both input SRAMs 32 B (two slices each).
        // rows-outer: each ifmap slice loaded once (3 x 16 = 48 B); weights swept w0 w1 w2 three times through
        // two LRU slots: every one of the 9 uses misses (144 B). cols-outer is the mirror image (144 + 48);
        // on a tie rows-outer is kept.
        LayerResult r = isolated(separate(4, 4, "output-stationary", B32, B32, 64, 1000, 0), gemm(12, 4, 12));
        assertThat(r.mapping()).containsEntry("loop_order", "rows-outer");
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(48);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(144);
        assertThat(r.computeCycles()).isEqualTo(9 * (4 + 4 + 4 - 2));
    }

    @Test
    void aSliceBiggerThanHalfItsBufferIsStreamedNotKept() {
        // OS, M=8, K=4, N=8: weight slices 16 B, filter SRAM 24 B: 2 x 16 > 24, so each weight slice is streamed
        // through the buffer on every use: 4 folds x 16 B = 64 B. A streamed fold is split into
        // ceil(16 / (24/2)) = 2 pieces so each piece's part fits half the buffer.
        LayerResult r = isolated(separate(4, 4, "output-stationary", 64, 24 / 1024.0, 64, 1000, 0), gemm(8, 4, 8));
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(64);
        assertThat(r.mapping()).containsEntry("folds", "4").containsEntry("pieces", "8");
        // splitting a fold does not change its cycles: 4 x (4 + 4 + 4 - 2) = 40
        assertThat(r.computeCycles()).isEqualTo(40);
    }

    @Test
    void weightStationaryCutsTheStreamSoPartialSumsFit() {
        // WS, M=8, K=8 (2 row folds), N=4 (1 col fold); the ofmap SRAM (which holds partial sums) is 64 B.
        // A fold's partial sums are chunk x 4 cols x 4 B and must fit half of 64 B: chunk = 32 / 16 = 2 pixels.
        // 4 stream chunks x 2 row folds = 8 folds of T=2: 2*4 + 4 + 2 - 2 = 12 cycles each -> 96.
        LayerResult r = isolated(separate(4, 4, "weight-stationary", 64, 64, 64 / 1024.0, 1000, 0), gemm(8, 8, 4));
        assertThat(r.mapping()).containsEntry("stream_chunk", "2").containsEntry("folds", "8");
        assertThat(r.computeCycles()).isEqualTo(96);
        // The partial sums never leave the chip; inputs and outputs move once: 64 + 32 + 32 B.
        assertThat(traffic(r, "dram", "psum").bytes()).isZero();
        assertThat(r.bytes("dram")).isEqualTo(64 + 32 + 32);
        // Each weight tile is read by the array once per stream chunk: 32 x 4.
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(128);
    }

    @Test
    void foldIndicesBeyondTheCompactKeyStayDistinct() {
        // OS on a 1x1 array, GEMM M=140,000 (> 2^17 row folds), K=2, N=1: each row fold needs its own
        // 2-word ifmap slice (280,000 words once), the single 2-word weight slice is fetched once and hit
        // 139,999 times, and every output is stored once. Fold = 2 + 1 + 1 - 2 = 2 cycles.
        LayerResult r = isolated(separate(1, 1, "output-stationary", 1024, 1, 1, 1000, 0), gemm(140_000, 2, 1));
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(280_000);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(2);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(140_000);
        assertThat(r.computeCycles()).isEqualTo(2 * 140_000);
    }
}
