package org.arrayflow.kind.toy;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.RunOptions;
import org.arrayflow.config.ConfigException;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sweep.AreaProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fourth architecture kind, written in the test sources and registered through the registry alone (no
 * simulator, loader or command code knows it), runs a two-layer network through the same pipeline as the
 * bundled kinds. Every figure below is derived by hand from ToyPlanner's program.
 */
class ToyKindTest {
    static final String ARCH = """
            format: arrayflow-arch/1
            name: toy-4
            type: toy
            clock_mhz: 1000
            word_bits: 8
            pes: 4
            sram_kib: 1
            dram: {bandwidth_gb_s: 8, energy_pj_per_byte: 10}
            energy: {mac_pj: 1, sram_pj: 2}
            """;
    static final String NET = """
            format: arrayflow-workload/1
            name: tiny
            input: {channels: 8, height: 1, width: 4}
            layers:
              - {name: g, type: gemm, m: 4, k: 8, n: 2}
              - {name: s, type: softmax}
            """;

    @Test
    void aKindRegisteredAtRunTimeReadsRunsAndPrices(@TempDir Path dir) throws IOException {
        if (ArchKinds.byType("toy") == null) {
            assertThatThrownBy(() -> ArchLoader.parse("toy.yaml", ARCH)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("type: must be one of [\"systolic\",\"tiled-fusion\",\"row-stationary\"]");
        }
        ArchKinds.register(new ToyKind());
        Path arch = Files.writeString(dir.resolve("toy.yaml"), ARCH);
        Path net = Files.writeString(dir.resolve("tiny.yaml"), NET);
        RunOutput out = Pipeline.run(RunRequest.of(arch.toString(), net.toString(), 0));
        assertThat(out.arch()).isInstanceOf(ToyArch.class);
        NetworkResult r = out.result();

        // gemm 4x8 by 8x2: 64 MACs. The link moves 8 bytes a cycle: input 32 B in cycles 0-4, weights 16 B in
        // 4-6; 64 MACs on 4 PEs take 16 cycles (6-22); the 8 B output leaves in one cycle: 23 cycles, 7 of them
        // waiting for data.
        LayerResult g = r.layers().get(0);
        assertThat(g.macs()).isEqualTo(64);
        assertThat(g.totalCycles()).isEqualTo(23);
        assertThat(g.computeCycles()).isEqualTo(16);
        assertThat(g.stallCycles()).isEqualTo(7);
        assertThat(g.utilization()).isEqualTo(64.0 / (4 * 23));
        assertThat(traffic(g, "dram", "ifmap").reads()).isEqualTo(32);
        assertThat(traffic(g, "dram", "weight").reads()).isEqualTo(16);
        assertThat(traffic(g, "dram", "ofmap").writes()).isEqualTo(8);
        assertThat(traffic(g, "sram", "ifmap").fills()).isEqualTo(32);
        assertThat(traffic(g, "sram", "ifmap").reads()).isEqualTo(32);
        assertThat(g.bytes("dram")).isEqualTo(56);
        // energy: 64 MACs x 1 + 56 DRAM bytes x 10 + (32 + 32 + 16 + 16) SRAM words x 2 = 64 + 560 + 192
        assertThat(g.energyPj()).isEqualTo(816.0);
        assertThat(g.energyPj("dram")).isEqualTo(560.0);

        // softmax over the 8 outputs: 2 x 8 = 16 element operations, 4 cycles on 4 PEs after its 8 B load
        // (1 cycle), then 1 cycle to store: 6 cycles, no MACs
        LayerResult s = r.layers().get(1);
        assertThat(s.macs()).isZero();
        assertThat(s.totalCycles()).isEqualTo(6);
        assertThat(s.computeCycles()).isEqualTo(4);
        assertThat(r.totalCycles()).isEqualTo(29);
        assertThat(r.macs()).isEqualTo(64);

        // its run option, through the same RunOptions as the bundled kinds': 8 PEs halve the gemm's compute
        Architecture eight = RunOptions.apply(out.arch(), Map.of("pes", "8"), "test");
        assertThat(Pipeline.simulate(eight, out.inputs().network()).layers().get(0).totalCycles()).isEqualTo(4 + 2 + 8 + 1);
        // another kind's option is refused by that kind, naming what it needs
        assertThatThrownBy(() -> RunOptions.apply(out.arch(), Map.of("dataflow", "ws"), "test"))
                .hasMessage("test: option dataflow: 'ws' needs a systolic architecture and one of os, ws, is");
        // and the area proxy counts its SRAM like any kind's
        assertThat(AreaProxy.sramBytes(out.arch())).isEqualTo(1024);
    }
}
