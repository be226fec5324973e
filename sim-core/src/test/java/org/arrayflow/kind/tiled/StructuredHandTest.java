package org.arrayflow.kind.tiled;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;


import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Structured 2:4 skipping on a Tm = Tn = 2 tiled engine, by hand: the GEMM of {@link ZeroSkipHandTest} (a 1x1
 * convolution of 8 input channels to 2 filters on a 2x2 input: M = 4 pixels, K = 8, N = 2, 64 MACs, one output
 * tile in 4 input-channel steps of Tn = 2), its weights pruned 2:4 along the input channels.
 *
 * <p>Without N:M support the engine multiplies the zeros: ceil(8 / 2) = 4 cycles a pixel, 16 for the tile, 16
 * weights of 2 bytes from DRAM. With {@code structured: {pattern: "2:4"}} each PE keeps exactly 4 of its 8 weights
 * (no imbalance: every group of 4 keeps 2): ceil(4 / 2) = 2 cycles a pixel, 8 for the tile; 2 lanes x 4 x 4 pixels
 * = 32 MACs performed, 32 skipped, none gated (MAC energy 32 pJ at 1 pJ). Each step's 2x2 weight tile keeps 2, each
 * with 2 bits of metadata: the layer's 8 kept weights of 18 bits are 18 bytes from DRAM (counted from the layer's
 * total, as all traffic is), of which 8 x 2 bits = 2 bytes say where the values sit.
 */
class StructuredHandTest {
    private static Architecture arch(String sparsity) {
        return TinyTiled.arch("{bandwidth_gb_s: 100}", "{mac_pj: 1, bram_read_pj: 0, bram_write_pj: 0}", sparsity);
    }

    private static LayerResult run(Architecture a, String weight) {
        return Simulator.run(a, network(8, 2, 2, "{name: c, type: conv2d, filters: 2, kernel: 1, tensors: {weight: "
                + weight + "}}"), SimOptions.DEFAULT).layers().get(0);
    }

    @Test
    void twoOfFourHalvesTheEngineTime() {
        LayerResult dense = run(arch(""), "{density: \"2:4\"}");
        LayerResult nm = run(arch("sparsity: {structured: {pattern: \"2:4\"}}"), "{density: \"2:4\"}");
        assertThat(dense.computeCycles()).isEqualTo(16);
        assertThat(dense.activity().skippedMacs()).isZero();
        assertThat(traffic(dense, "dram", "weight").bytes()).isEqualTo(32);

        assertThat(nm.computeCycles()).isEqualTo(8);
        assertThat(nm.macs()).isEqualTo(64);
        assertThat(nm.activity().macs()).isEqualTo(32);
        assertThat(nm.activity().skippedMacs()).isEqualTo(32);
        assertThat(nm.activity().gatedMacs()).isZero();
        assertThat(nm.energyPj("mac")).isCloseTo(32, within(1e-9));
        assertThat(traffic(nm, "dram", "weight").bytes()).isEqualTo(18);
        assertThat(TensorFigures.metadataBytes(nm, traffic(nm, "dram", "weight"))).isEqualTo(2);
        assertThat(traffic(nm, "dram", "ifmap").bytes()).isEqualTo(traffic(dense, "dram", "ifmap").bytes());
        assertThat(nm.mapping()).containsEntry("structured", "2:4 (32 MACs skipped)");
    }

    @Test
    void aSparserFittingPatternRunsAtThePatternsRateAndOneThatDoesNotFitRunsDense() {
        Architecture a = arch("sparsity: {structured: {pattern: \"2:4\"}}");
        // 1:4 fits 2:4 (no group holds more than two): the array takes N = 2 slots a group all the same
        LayerResult sparser = run(a, "{density: \"1:4\"}");
        assertThat(sparser.activity().skippedMacs()).isPositive();
        assertThat(sparser.activity().macs() + sparser.activity().skippedMacs()).isEqualTo(64);
        // 3:4 does not fit: dense, every weight moved
        LayerResult denser = run(a, "{density: \"3:4\"}");
        assertThat(denser.computeCycles()).isEqualTo(16);
        assertThat(denser.activity().skippedMacs()).isZero();
        assertThat(traffic(denser, "dram", "weight").bytes()).isEqualTo(32);
    }

    @Test
    void fusedGroupsDoNotSkip() {
        Architecture a = arch("sparsity: {structured: {pattern: \"2:4\"}}");
        String pair = WorkloadFusionTest.WORKLOAD.replace("filters: 4, kernel: 3, padding: 1}",
                "filters: 4, kernel: 3, padding: 1, tensors: {weight: {density: \"2:4\"}}}");
        assertThatThrownBy(() -> Simulator.run(a, WorkloadLoader.parse("pair.yaml", pair, 0), SimOptions.DEFAULT))
                .hasMessageContaining("skipping pruned weights is modelled for layers run alone");
    }
}
