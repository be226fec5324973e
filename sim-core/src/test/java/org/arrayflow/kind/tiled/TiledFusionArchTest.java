package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TiledFusionArchTest {
    static final String BASE = """
            format: arrayflow-arch/1
            name: t
            type: tiled-fusion
            clock_mhz: 100
            word_bits: 32
            compute: {dsp_slices: 2240, macs_per_dsp: 0.2}
            on_chip: {bram_blocks: 2060, block_kib: 2}
            dram: {bandwidth_gb_s: 12.8, efficiency: 0.8}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"fpga-vc707-zhang15", "fpga-zc706-qiu16", "fpga-fused-vgg"})
    void presetsLoad(String name) {
        Architecture a = ArchLoader.load(name);
        assertThat(a).isInstanceOf(TiledFusionArch.class);
        assertThat(a.kind()).isEqualTo("tiled-fusion");
    }

    @Test
    void readsUnitsBudgetAndBandwidth() {
        TiledFusionArch a = (TiledFusionArch) ArchLoader.parse("t.yaml", BASE);
        // 2240 DSPs x 0.2 = 448 MAC units; 2060 blocks x 2 KiB = 4,218,880 bytes.
        assertThat(a.macUnits()).isEqualTo(448);
        assertThat(a.onChipBytes()).isEqualTo(2060L * 2048);
        // 12.8 GB/s x 0.8 at 100 MHz = 102.4 bytes per cycle.
        assertThat(a.sustainedDramBytesPerCycle()).isCloseTo(102.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fabricPortsCapTheLink() {
        String two = BASE.replace("efficiency: 0.8}", "efficiency: 0.8, ports: {count: 2, bits: 64}}");
        TiledFusionArch a = (TiledFusionArch) ArchLoader.parse("t.yaml", two);
        // 2 x 64 bits = 16 bytes per fabric cycle, below the DRAM's 102.4: 1.6 GB/s at 100 MHz.
        assertThat(a.sustainedDramBytesPerCycle()).isEqualTo(16.0);
        assertThat(a.sustainedDramGBps()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
        // 16 x 64 bits = 128 bytes per cycle: the DRAM's 102.4 binds again.
        TiledFusionArch b = (TiledFusionArch) ArchLoader.parse("t.yaml", BASE.replace("efficiency: 0.8}",
                "efficiency: 0.8, ports: {count: 16, bits: 64}}"));
        assertThat(b.sustainedDramBytesPerCycle()).isCloseTo(102.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void portWidthMustBeWholeBytes() {
        assertThatThrownBy(() -> ArchLoader.parse("t.yaml", BASE.replace("efficiency: 0.8}",
                "efficiency: 0.8, ports: {count: 1, bits: 60}}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml:8:")
                .hasMessageContaining("dram.ports.bits")
                .hasMessageContaining("not a whole number of bytes");
    }

    @Test
    void engineBiggerThanTheDspBudgetIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> ArchLoader.parse("t.yaml", BASE + "tiling: {tm: 64, tn: 8}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml:9:")
                .hasMessageContaining("tiling: Tm x Tn = 512");
    }

    @Test
    void unknownStrategyIsASchemaError() {
        assertThatThrownBy(() -> ArchLoader.parse("t.yaml", BASE + "fusion: {strategy: cache}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fusion.strategy");
    }
}
