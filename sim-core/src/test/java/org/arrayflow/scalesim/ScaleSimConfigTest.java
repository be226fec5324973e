package org.arrayflow.scalesim;

import org.arrayflow.config.ConfigException;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.kind.systolic.SystolicDataflow;
import org.arrayflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleSimConfigTest {
    static String cfg(String dataflow, String mode, String bandwidth) {
        return "[general]\nrun_name = t\n\n[architecture_presets]\nArrayHeight:    4\nArrayWidth=4\n"
                + "IfmapSramSzkB: 64\nFilterSramSzkB: 32\nOfmapSramSzkB: 16\nIfmapOffset: 0\nFilterOffset: 10000000\n"
                + "OfmapOffset: 20000000\nDataflow : " + dataflow + "\nBandwidth : " + bandwidth + "\nMemoryBanks: 1\n"
                + "SRAM_row_size: 8\n\n[run_presets]\nInterfaceBandwidth: " + mode + "\n";
    }

    @Test
    void readsKeysCaseInsensitivelyWithEitherSeparator() {
        ScaleSimConfig c = ScaleSimConfig.parse("t.cfg", cfg("is", "USER", "7"));
        assertThat(c.rows()).isEqualTo(4);
        assertThat(c.cols()).isEqualTo(4);
        assertThat(c.dataflow()).isEqualTo(SystolicDataflow.INPUT_STATIONARY);
        assertThat(c.userBandwidth()).isTrue();
        assertThat(c.interfaceWordsPerCycle()).isEqualTo(7);
        assertThat(c.runName()).isEqualTo("t");
    }

    @Test
    void archHasThreeSramsOfOneByteWordsAndOneDramInterfacePerOperand() {
        SystolicArch a = ScaleSimConfig.parse("t.cfg", cfg("ws", "USER", "10")).toArch();
        assertThat(a.bufferFor(Tensor.IFMAP).sizeBytes()).isEqualTo(64 * 1024);
        assertThat(a.bufferFor(Tensor.WEIGHT).sizeBytes()).isEqualTo(32 * 1024);
        assertThat(a.bufferFor(Tensor.OFMAP).sizeBytes()).isEqualTo(16 * 1024);
        assertThat(a.bufferFor(Tensor.PSUM).name()).isEqualTo("ofmap_sram");
        // one-byte words and partial sums, as SCALE-Sim counts them
        assertThat(a.precision().bytes(Tensor.IFMAP, 1)).isEqualTo(1);
        assertThat(a.precision().bytes(Tensor.PSUM, 1)).isEqualTo(1);
        // 10 words/cycle per interface, three interfaces, 1 GHz: 30 bytes per cycle in all.
        assertThat(a.dram().bytesPerCycle(a.clockMhz())).isEqualTo(30.0);
        assertThat(a.dram().channels()).isEqualTo(3);
        assertThat(a.dram().perOperand()).as("each interface serves one operand, not a pool").isTrue();
    }

    @Test
    void calcModeIgnoresBandwidthAndDrainsAtArrayWidth() {
        ScaleSimConfig c = ScaleSimConfig.parse("t.cfg", cfg("os", "CALC", "10"));
        assertThat(c.userBandwidth()).isFalse();
        assertThat(c.interfaceWordsPerCycle()).isEqualTo(4);
    }

    @Test
    void rejectsUnknownModeAndDataflowWithFileLineAndKey() {
        assertThatThrownBy(() -> ScaleSimConfig.parse("t.cfg", cfg("os", "user", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.cfg:19:1: run_presets.interfacebandwidth: must be USER or CALC");
        assertThatThrownBy(() -> ScaleSimConfig.parse("t.cfg", cfg("rs", "CALC", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("architecture_presets.dataflow");
        assertThatThrownBy(() -> ScaleSimConfig.parse("t.cfg", cfg("os", "USER", "10,20")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("one Bandwidth value per memory bank");
    }
}
