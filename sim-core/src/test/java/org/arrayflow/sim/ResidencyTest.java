package org.arrayflow.sim;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activations between layers: only a buffer holding both ifmap and ofmap (a unified buffer) keeps them,
 * and only while the kept tensors take at most half of it over their whole lifetime.
 */
class ResidencyTest {
    // c1: 4x8x8 -> 8x8x8 (512 words), c2: -> 8x8x8 (512 words), add of c2 and c1 -> 512 words.
    private static final Network NET = Fixtures.network(4, 8, 8,
            "{name: c1, type: conv2d, filters: 8, kernel: 3, padding: 1}",
            "{name: c2, type: conv2d, filters: 8, kernel: 3, padding: 1}",
            "{name: s, type: add, inputs: [c2, c1]}");

    @Test
    void unifiedBufferKeepsActivationsThatFitHalfOfIt() {
        // Unified buffer 4 KiB: budget 2 KiB. c1 (512 B) lives until s reads it; c2 (512 B) too: at most
        // 1 KiB kept at once <= 2 KiB, so both stay; s, the last layer, goes to DRAM.
        SystolicArch arch = Fixtures.unified(4, 4, "weight-stationary", 4, 4, 4, 1000, 0);
        List<LayerContext> ctx = ArchKinds.model(arch).planner().planNetwork(NET, false).contexts();
        assertThat(ctx.get(0).keepOutput()).isTrue();
        assertThat(ctx.get(1).keepOutput()).isTrue();
        assertThat(ctx.get(1).inputOnChip(0)).isTrue();
        assertThat(ctx.get(2).inputOnChip(0)).isTrue();
        assertThat(ctx.get(2).inputOnChip(1)).isTrue();
        assertThat(ctx.get(2).keepOutput()).isFalse();
        // while c2 runs, c1 (512 B) is resident besides c2's own (reserved) output
        assertThat(ctx.get(1).residentBytes(0)).isEqualTo(512);

        NetworkResult r = Simulator.run(arch, NET, SimOptions.DEFAULT);
        assertThat(traffic(r.layers().get(0), "dram", "ofmap").writes()).isZero();
        assertThat(traffic(r.layers().get(1), "dram", "ifmap").reads()).isZero();
        assertThat(traffic(r.layers().get(2), "dram", "ifmap").reads()).isZero();
        // DRAM: network input 256 + weights 4*9*8 + 8*9*8 = 864 + final output 512
        assertThat(r.bytes("dram")).isEqualTo(256 + 288 + 576 + 512);
    }

    @Test
    void tooSmallABudgetSendsActivationsToDram() {
        // Unified buffer 1 KiB: budget 512 B. c1 (512 B) fits alone and is kept; c2 would raise the peak to
        // 1 KiB over its lifetime (c1 is still live until s), so c2 goes to DRAM and back.
        SystolicArch arch = Fixtures.unified(4, 4, "weight-stationary", 1, 4, 4, 1000, 0);
        List<LayerContext> ctx = ArchKinds.model(arch).planner().planNetwork(NET, false).contexts();
        assertThat(ctx.get(0).keepOutput()).isTrue();
        assertThat(ctx.get(1).keepOutput()).isFalse();
        assertThat(ctx.get(2).inputOnChip(0)).isFalse();
        assertThat(ctx.get(2).inputOnChip(1)).isTrue();
    }

    @Test
    void separateSramsKeepNothing() {
        SystolicArch arch = Fixtures.separate(4, 4, "weight-stationary", 64, 64, 64, 1000, 0);
        for (LayerContext c : ArchKinds.model(arch).planner().planNetwork(NET, false).contexts()) {
            assertThat(c.keepOutput()).isFalse();
            assertThat(c.inputOnChip(0)).isFalse();
        }
    }
}
