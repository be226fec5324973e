package org.arrayflow.kind.tiled;

import org.arrayflow.arch.Architecture;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.junit.jupiter.api.Test;


import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Compressed storage on the tiled kind, by hand: the 1x1 convolution of {@link StructuredHandTest} (8 channels of
 * 2x2, 16-bit, to 2 filters) with its ifmap and ofmap half zeros, on a DRAM of 2 bytes a cycle so that the link
 * is the bottleneck. Dense: 32 ifmap words (64 bytes), 16 weights (32), 8 outputs (16): 112 bytes.
 *
 * <p>{@code bitmask} ifmaps in DRAM: a bit per element and the 16 non-zeros, 4 + 32 = 36 bytes; {@code bitmask}
 * ofmaps in DRAM and BRAM: 1 + 8 = 9 bytes, in the transfer, the output buffer and each BRAM access's energy. Weights
 * are dense (no entry for them). So 36 + 32 + 9 = 77 bytes cross the link instead of 112.
 */
class TiledCompressionTest {
    private static Architecture arch(String sparsity) {
        return TinyTiled.arch("{bandwidth_gb_s: 0.2, energy_pj_per_byte: 10}",
                "{mac_pj: 1, bram_read_pj: 1, bram_write_pj: 1}", sparsity);
    }

    private static final String CODED = """
            sparsity:
              compression:
                ifmap: {format: bitmask, levels: [dram]}
                ofmap: {format: bitmask, levels: [dram, bram]}
            """;

    private static LayerResult run(Architecture a) {
        return Simulator.run(a, network(8, 2, 2, "{name: c, type: conv2d, filters: 2, kernel: 1, tensors: "
                + "{ifmap: {density: 0.5}, ofmap: {density: 0.5}}}"), SimOptions.DEFAULT).layers().get(0);
    }

    @Test
    void codedTensorsCrossTheLinkAsTheirCompressedBytes() {
        LayerResult dense = run(arch(""));
        LayerResult coded = run(arch(CODED));
        assertThat(traffic(dense, "dram", "ifmap").bytes()).isEqualTo(64);
        assertThat(traffic(coded, "dram", "ifmap").bytes()).isEqualTo(36);
        assertThat(TensorFigures.metadataBytes(coded, traffic(coded, "dram", "ifmap"))).isEqualTo(4);
        assertThat(traffic(coded, "dram", "weight").bytes()).isEqualTo(traffic(dense, "dram", "weight").bytes())
                .isEqualTo(32);
        assertThat(traffic(dense, "dram", "ofmap").bytes()).isEqualTo(16);
        assertThat(traffic(coded, "dram", "ofmap").bytes()).isEqualTo(9);
        // the link is the bottleneck: fewer bytes, fewer cycles; the engine computes exactly as long
        assertThat(coded.totalCycles()).isLessThan(dense.totalCycles());
        assertThat(coded.computeCycles()).isEqualTo(dense.computeCycles());
        assertThat(coded.activity().macs()).isEqualTo(dense.activity().macs()).isEqualTo(64);
        // DRAM energy follows the bytes: 77 instead of 112 at 10 pJ a byte
        assertThat(dense.energyPj("dram")).isCloseTo(1120, within(1e-6));
        assertThat(coded.energyPj("dram")).isCloseTo(770, within(1e-6));
        // BRAM holds the ofmap coded (9 of 16 bytes per access), the ifmap dense
        assertThat(traffic(coded, "bram", "ofmap").bytes()).isEqualTo(9);
        assertThat(traffic(coded, "bram", "ifmap").bytes()).isEqualTo(traffic(dense, "bram", "ifmap").bytes());
    }

    @Test
    void onlyTheKindsLevelsCanHoldCodedData() {
        assertThatThrownBy(() -> arch(CODED.replace("[dram, bram]", "[dram, glb]"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("those that can: dram, bram");
    }
}
