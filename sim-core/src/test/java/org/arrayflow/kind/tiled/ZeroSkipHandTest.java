package org.arrayflow.kind.tiled;

import org.arrayflow.arch.Architecture;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.tensor.LoadImbalance;
import org.junit.jupiter.api.Test;


import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Zero skipping on a Tm = Tn = 2 tiled engine, by hand. A 1x1 convolution of 8 input channels to 2 filters on a
 * 2x2 input, weights at density 0.5, one output tile (Tr = Tc = 2) in 4 input-channel steps of Tn = 2. Each of
 * the 2 PEs keeps Binomial(8, 0.5) of its 8 weights; the tile lasts as long as the busiest: E[max of 2] = sum over
 * k &lt; 8 of 1 - F(k)^2 = 8 - 210664/65536 = 4.785522 (F(k) = 1, 9, 37, 93, 163, 219, 247, 255 over 256), so 5
 * kept weights, ceil(5 / 2) = 3 cycles per output pixel against ceil(8 / 2) = 4 dense: 12 compute cycles for the
 * 4 pixels instead of 16. MAC slots: 2 lanes x 5 x 4 pixels = 40 of the 64 dense MACs, 24 skipped; of the 40, the
 * expected non-zero products are 2 x 4 x 4 = 32 (a lane below the busiest idles), so 8 are gated. Weights: each
 * step's 2x2 tile keeps ceil(4 x 0.5) = 2, 8 in all, 16 + 4 index bits each = 20 bytes from DRAM, 4 of them index.
 */
class ZeroSkipHandTest {
    private static Architecture arch(String sparsity) {
        return TinyTiled.arch("{bandwidth_gb_s: 100}", "{mac_pj: 1, bram_read_pj: 0, bram_write_pj: 0}", sparsity);
    }

    private static LayerResult run(Architecture a, String tensors) {
        return Simulator.run(a, network(8, 2, 2, "{name: c, type: conv2d, filters: 2, kernel: 1" + tensors + "}"),
                SimOptions.DEFAULT).layers().get(0);
    }

    @Test
    void theBusiestPeOfTheTileSetsItsCycles() {
        assertThat(LoadImbalance.expectedMax(8, 0.5, 2)).isCloseTo(8 - 210664.0 / 65536, within(1e-12));
        LayerResult r = run(arch("sparsity: {zero_skipping: {index_bits: 4}}"), ", tensors: {weight: {density: 0.5}}");
        LayerResult dense = run(arch(""), ", tensors: {weight: {density: 0.5}}");
        assertThat(dense.computeCycles()).isEqualTo(16);
        assertThat(r.computeCycles()).isEqualTo(12);
        assertThat(r.macs()).isEqualTo(64);
        assertThat(r.activity().macs()).isEqualTo(40);
        assertThat(r.activity().skippedMacs()).isEqualTo(24);
        assertThat(r.activity().macs() + r.activity().skippedMacs()).isEqualTo(r.macs());
        assertThat(r.activity().gatedMacs()).isEqualTo(8);
        assertThat(r.energyPj("mac")).isCloseTo(32, within(1e-9));
        assertThat(traffic(r, "dram", "weight").bytes()).isEqualTo(20);
        assertThat(TensorFigures.metadataBytes(r, traffic(r, "dram", "weight"))).isEqualTo(4);
        // the dense engine moves all 16 weights at 2 bytes; inputs and outputs are the same either way
        assertThat(traffic(dense, "dram", "weight").bytes()).isEqualTo(32);
        assertThat(traffic(r, "dram", "ifmap").bytes()).isEqualTo(traffic(dense, "dram", "ifmap").bytes()).isEqualTo(64);
        assertThat(r.mapping().get("zero_skip")).isEqualTo("busiest PE keeps 5 of 8 weights");
    }

    @Test
    void manyStepsPerTileSpreadTheTileEvenly() {
        // 64 input channels, 32 steps; Binomial(64, 0.1) on 2 PEs: the sum of compute is the tile's, whatever the split
        Architecture a = arch("sparsity: {zero_skipping: {index_bits: 4}}");
        LayerResult r = Simulator.run(a, network(64, 2, 2,
                "{name: c, type: conv2d, filters: 2, kernel: 1, tensors: {weight: {density: 0.1}}}"),
                SimOptions.DEFAULT).layers().get(0);
        long busiest = LoadImbalance.busiest(64, org.arrayflow.tensor.Density.of(0.1), 2);
        assertThat(r.computeCycles()).isEqualTo((busiest + 1) / 2 * 4);
        assertThat(r.activity().macs()).isEqualTo(2 * busiest * 4);
        assertThat(r.activity().macs() + r.activity().skippedMacs()).isEqualTo(2 * 64 * 4);
    }

    @Test
    void denseWeightsRunDense() {
        Architecture a = arch("sparsity: {zero_skipping: {index_bits: 4}}");
        LayerResult r = run(a, "");
        assertThat(r.computeCycles()).isEqualTo(16);
        assertThat(r.activity().skippedMacs()).isZero();
        assertThat(traffic(r, "dram", "weight").bytes()).isEqualTo(32);
        assertThatThrownBy(() -> arch("sparsity: {zero_skipping: {}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("index_bits");
    }
}
