package org.arrayflow.kind.systolic;

import org.arrayflow.result.LayerResult;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.LoadImbalance;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Zero skipping with load imbalance on a 4x4 weight-stationary array, by hand. A GEMM of 8 x 16 x 4 (M x K x
 * N) at weight density 0.5: each of the 4 columns holds Binomial(16, 0.5) non-zeros, and the array moves at the
 * pace of the busiest, E[max of 4] = sum over k < 16 of 1 - F(k)^4 = 10.0413 (F the Binomial(16, 0.5)
 * distribution function; summed by hand in exact binomials), so 11 of every 16 K: not the 8 a balanced
 * skip would give.
 */
class ZeroSkippingHandTest {
    /** The 4x4 weight-stationary array of {@link SparsityHandTest}, with {@code sparsity} declared. */
    private static SystolicArch arch(String sparsity) {
        return SparsityHandTest.arch(sparsity);
    }

    private static Layer gemm(int k, String tensors) {
        return network(1, 1, 1, "{name: g, type: gemm, m: 8, k: " + k + ", n: 4" + tensors + "}").layers().get(0);
    }

    @Test
    void theExpectedBusiestColumnIsTheExactBinomialMaximum() {
        assertThat(LoadImbalance.expectedMax(16, 0.5, 4)).isCloseTo(10.041341174, within(1e-8));
        assertThat(LoadImbalance.expectedMax(8, 0.5, 4)).isCloseTo(5.431132032, within(1e-8));
        // one column alone has no one to wait for: the mean
        assertThat(LoadImbalance.expectedMax(16, 0.5, 1)).isCloseTo(8, within(1e-12));
        // more columns, a busier maximum; never past K
        assertThat(LoadImbalance.expectedMax(16, 0.5, 256)).isGreaterThan(10.05).isLessThanOrEqualTo(16);
        // N:M zeros are balanced by construction
        assertThat(LoadImbalance.busiest(16, Density.structured(2, 4), 4)).isEqualTo(8);
    }

    @Test
    void theArrayRunsAsTheBusiestColumnsKeptWeights() {
        SystolicArch skipping = arch("sparsity: {zero_skipping: {index_bits: 4}}");
        LayerResult r = isolated(skipping, gemm(16, ", tensors: {weight: {density: 0.5}}"));
        // exactly the dense GEMM of K = 11 on the same array: three row folds (4, 4, 3) instead of four
        LayerResult k11 = isolated(arch(""), gemm(11, ""));
        LayerResult dense = isolated(arch(""), gemm(16, ", tensors: {weight: {density: 0.5}}"));
        assertThat(r.computeCycles()).isEqualTo(k11.computeCycles()).isLessThan(dense.computeCycles());
        // 8 x 16 x 4 = 512 dense MACs: 8 x 11 x 4 = 352 slots performed, 160 skipped
        assertThat(r.macs()).isEqualTo(512);
        assertThat(r.activity().macs()).isEqualTo(352);
        assertThat(r.activity().skippedMacs()).isEqualTo(160);
        // of the slots, those past a column's own 8 expected non-zeros wait for the busiest: no MAC, no energy
        assertThat(r.activity().gatedMacs()).isEqualTo(352 - 256);
        assertThat(r.energyPj("mac")).isCloseTo(256, within(1e-9));
        // the kept weights travel with their 4-bit indexes: 11 x 4 of them, 12 bits each = 66 bytes
        assertThat(traffic(r, "dram", "weight").bytes()).isEqualTo(66);
        // every activation is still read: each column picks its own
        assertThat(traffic(r, "dram", "ifmap").bytes()).isEqualTo(8 * 16);
        assertThat(r.mapping().get("zero_skipping")).isEqualTo("the busiest of 4 columns: 11 of K = 16 (160 MACs skipped)");
    }

    @Test
    void denseWeightsAndOtherKindsAreUntouched() {
        SystolicArch skipping = arch("sparsity: {zero_skipping: {index_bits: 4}}");
        LayerResult denseOnSkipping = isolated(skipping, gemm(16, ""));
        assertThat(denseOnSkipping.activity().skippedMacs()).isZero();
        assertThat(denseOnSkipping.computeCycles()).isEqualTo(isolated(arch(""), gemm(16, "")).computeCycles());
        assertThatThrownBy(() -> arch("sparsity: {zero_skipping: {}}")).hasMessageContaining("index_bits");
    }
}
