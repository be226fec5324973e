package org.arrayflow.kind.systolic;

import org.arrayflow.workload.Gemm;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The step FoldShift finds is the least that moves every slice onto one of the same size, found by counting. */
class FoldShiftTest {
    @Test
    void theStreamStepIsTheLeastThatRepeatsEveryPlaneShare() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            long plane = 1 + rnd.nextInt(3_000);
            long m = 1 + rnd.nextInt(3_000);
            long chunk = 1 + rnd.nextInt(300);
            Gemm g = new Gemm(m, 9L * 4, 8, 1, 4, 9, plane);
            FoldGeometry geo = new FoldGeometry(SystolicDataflow.WEIGHT_STATIONARY, g, 4, 4, chunk, 1);
            long least = 1;
            while ((least * chunk * plane) % m != 0) {
                least++;
            }
            FoldShift s = FoldShift.shortest(geo, FoldGeometry.M, null, true);
            assertThat(s.fold()[FoldGeometry.M]).as("plane %d, M %d, chunk %d", plane, m, chunk).isEqualTo(least);
        }
    }

    @Test
    void theReductionStepMovesWholeChannelsAndWholeGroupsOfKeptWeights() {
        // K = 25 x 48 (5x5 kernels): folds of 256 move whole channels every 25 folds
        Gemm g = new Gemm(100, 1_200, 64, 1, 48, 25, 100);
        FoldGeometry geo = new FoldGeometry(SystolicDataflow.WEIGHT_STATIONARY, g, 256, 64, 100, 1);
        FoldShift s = FoldShift.shortest(geo, FoldGeometry.K, null, true);
        assertThat(s.fold()[FoldGeometry.K]).isEqualTo(25);
        assertThat(s.channel()).isEqualTo(256);
        // 2:4 kept weights, folds of 3 kept: 2 folds move 6 kept = 3 groups = 12 dense = 4 channels of 3
        Gemm kept = new Gemm(100, 600, 64, 1, 400, 3, 100);
        FoldGeometry keptGeo = new FoldGeometry(SystolicDataflow.WEIGHT_STATIONARY, kept, 3, 4, 100, 1);
        FoldShift k = FoldShift.shortest(keptGeo, FoldGeometry.K, org.arrayflow.tensor.Density.structured(2, 4), true);
        assertThat(k.fold()[FoldGeometry.K]).isEqualTo(2);
        assertThat(k.kSlice()).isEqualTo(3);
        assertThat(k.channel()).isEqualTo(4);
    }
}
