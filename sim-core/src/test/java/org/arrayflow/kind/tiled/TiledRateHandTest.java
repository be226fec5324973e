package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Two int8 MACs per multiplier per cycle on a Tm = Tn = 2 tiled engine of a 16-bit word, by hand. The layer: a 1x1
 * convolution of 8 input channels to 2 filters on a 2x2 input, ifmap, weights and ofmap int8: 64 MACs, one output
 * tile (Tr = Tc = 2) in 4 input-channel steps of Tn = 2. At 1 MAC a cycle a step takes K K Tr Tc = 4 cycles, 16 in
 * all; at 2 a multiplier takes 2 of the tile's 4 pixels a cycle with one weight, ceil(4 / 2) = 2 cycles a step, 8 in
 * all, and reads each weight once for both: 32 BRAM weight reads instead of 64. MAC energy is the mode's mac_pj
 * (0.5 pJ at 2 a cycle, 1 pJ at 1 a cycle in the slower design): 32 pJ against 64.
 */
class TiledRateHandTest {
    private static Architecture arch(int int8Rate, double bandwidthGbS) {
        return ArchLoader.parse("rate.yaml", String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: rate
                type: tiled-fusion
                clock_mhz: 100
                word_bits: 16
                compute: {dsp_slices: 4, macs_per_dsp: 1}
                on_chip: {budget_kib: 64}
                dram: {bandwidth_gb_s: %s}
                tiling: {tm: 2, tn: 2, tr: 2, tc: 2}
                energy: {mac_pj: 2, bram_read_pj: 0, bram_write_pj: 0}
                datatypes:
                  int16: {macs_per_cycle: 1}
                  int8: {macs_per_cycle: %d, mac_pj: %s}
                """, bandwidthGbS, int8Rate, int8Rate == 2 ? "0.5" : "1"));
    }

    private static LayerResult run(Architecture a) {
        return Simulator.run(a, network(8, 2, 2, "{name: c, type: conv2d, filters: 2, kernel: 1, tensors: "
                + "{ifmap: {datatype: int8}, weight: {datatype: int8}, ofmap: {datatype: int8}}}"), SimOptions.DEFAULT)
                .layers().get(0);
    }

    private static long bramWeightReads(LayerResult r) {
        return traffic(r, "bram", "weight").reads();
    }

    @Test
    void twoMacsACycleHalveAComputeBoundLayer() {
        // 100 GB/s at 100 MHz: 1,000 bytes a cycle, the loads take a cycle each
        LayerResult one = run(arch(1, 100));
        LayerResult two = run(arch(2, 100));
        assertThat(one.computeCycles()).isEqualTo(16);
        assertThat(two.computeCycles()).isEqualTo(8);
        assertThat(two.macs()).isEqualTo(one.macs()).isEqualTo(64);
        assertThat(two.activity().macs()).isEqualTo(64);
        assertThat(one.energyPj("mac")).isCloseTo(64, within(1e-9));
        assertThat(two.energyPj("mac")).isCloseTo(32, within(1e-9));
        assertThat(bramWeightReads(one)).isEqualTo(64);
        assertThat(bramWeightReads(two)).isEqualTo(32);
        assertThat(two.mapping()).containsEntry("multiply", "int8 at 2 MACs/cycle");
        // utilisation counts against Tm x Tn x 2 = 8 MACs a cycle: 64 MACs in 8 busy cycles
        assertThat(two.utilization()).isCloseTo(64.0 / (8 * two.totalCycles()), within(1e-9));
    }

    @Test
    void aBandwidthBoundLayerGainsOnlyItsLastStep() {
        // 0.1 GB/s at 100 MHz: 1 byte a cycle. Each step loads 2 channels x 4 pixels + 2 x 2 weights = 12 bytes, 12
        // cycles, while its compute takes 4 (or 2): the loads run back to back, 48 cycles; then the last step's compute
        // and the 2 x 4 = 8-byte store, 8 cycles: 48 + 4 + 8 = 60 at 1 MAC a cycle, 48 + 2 + 8 = 58 at 2.
        LayerResult one = run(arch(1, 0.1));
        LayerResult two = run(arch(2, 0.1));
        assertThat(one.totalCycles()).isEqualTo(60);
        assertThat(two.totalCycles()).isEqualTo(58);
        assertThat(traffic(two, "dram", "weight").bytes()).isEqualTo(traffic(one, "dram", "weight").bytes()).isEqualTo(16);
    }

    @Test
    void edgeTilesRoundTheirPixelsUpPerTile() {
        // 3x3 output in tiles of 2x2: one 2x2, two of 2 pixels, one of 1. At 2 a cycle: 2 + 1 + 1 + 1 = 5 cycles per
        // kernel position and (to, ti) block, against 9; with Tm = 2 of 3 filters and Tn = 1 of 2 channels, 4 blocks
        // of K K = 9: 180 cycles against 324.
        ConvShape s = new ConvShape(3, 2, 3, 3, 3, 3, 1, 1, 1, 1, 1, 3, 3, 1);
        Precision p = Precision.of(Datatype.word(16), Datatype.word(32));
        assertThat(TileCost.of(s, new LoopTiling(2, 1, 2, 2), p, 1).computeCycles()).isEqualTo(324);
        assertThat(TileCost.of(s, new LoopTiling(2, 1, 2, 2), p, 2).computeCycles()).isEqualTo(180);
    }

    @Test
    void aRateTheInputBufferCannotFeedIsRefused() {
        // 4 int8 inputs a cycle are 32 bits, twice the 16-bit lane
        assertThatThrownBy(() -> arch(4, 100)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("macs_per_cycle").hasMessageContaining("32 bits");
    }
}
