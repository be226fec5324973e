package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.result.LayerResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fabric's ports cap the DRAM link: a batch-1 FC layer, bandwidth-bound, moves its bytes at the ports'
 * rate when they are narrower than the DRAM and at the DRAM's when they are not.
 */
class FabricPortsTest {
    static final String ARCH = """
            format: arrayflow-arch/1
            name: t
            type: tiled-fusion
            clock_mhz: 100
            word_bits: 16
            compute: {dsp_slices: 64, macs_per_dsp: 1}
            on_chip: {budget_kib: 256}
            tiling: {tm: 8, tn: 8}
            """;
    static final String FC = """
            format: arrayflow-workload/1
            name: fc
            input: {channels: 1024, height: 1, width: 1}
            layers:
              - {name: fc, type: fc, outputs: 256}
            """;

    static LayerResult run(String dram) {
        return Simulator.run(ArchLoader.parse("t.yaml", ARCH + dram), WorkloadLoader.parse("w.yaml", FC, 0),
                SimOptions.DEFAULT).layers().get(0);
    }

    @Test
    void onePortBoundsTheLink() {
        // Tm = Tn = 8 on a 1x1 map: 32 output blocks x 128 input blocks = 4,096 tiles of one cycle each
        // (4,096 compute cycles). Each tile loads 8 x 8 weights (128 B) and 8 inputs (16 B, inputs re-read
        // per output block); each output block stores 8 outputs (16 B). A transfer takes whole link cycles.
        // DRAM alone, 16 GB/s at 100 MHz = 160 B/cycle: every transfer fits one cycle,
        // 4,096 x 2 + 32 = 8,224 link cycles: the link, not the engine, is the bound even here.
        LayerResult free = run("dram: {bandwidth_gb_s: 16}\n");
        assertThat(free.macs()).isEqualTo(262_144);
        assertThat(free.computeCycles()).isEqualTo(4_096);
        assertThat(free.busy().get("dram")).isEqualTo(8_224);
        // One 64-bit port: 8 B/cycle. Weights 4,096 x 16 + inputs 4,096 x 2 + outputs 32 x 2 = 73,792.
        LayerResult port = run("dram: {bandwidth_gb_s: 16, ports: {count: 1, bits: 64}}\n");
        assertThat(port.macs()).isEqualTo(262_144);
        assertThat(port.busy().get("dram")).isEqualTo(73_792);
        assertThat(port.totalCycles()).isBetween(73_792L, 73_792L + 4_096L);
        // 32 such ports (256 B/cycle) are wider than the DRAM: the DRAM decides again, as without ports.
        LayerResult wide = run("dram: {bandwidth_gb_s: 16, ports: {count: 32, bits: 64}}\n");
        assertThat(wide.busy()).isEqualTo(free.busy());
        assertThat(wide.totalCycles()).isEqualTo(free.totalCycles());
    }
}
