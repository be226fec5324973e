package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Chips;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Collectives by hand, and a tensor-parallel layer's time: one chip's share, then its collective. */
class TensorParallelTest {
    @Test
    void collectivesFollowTheirFormulas() {
        // 1e6 bytes over 100 GB/s links (100 bytes a ns), 1000 ns a hop, 1 GHz (a cycle a ns)
        // ring all-reduce 2(p-1)/p x 10000 ns + 2(p-1) x 1000 ns: p = 2: 10000 + 2000; 4: 15000 + 6000; 8: 17500 + 14000
        for (int[] pc : new int[][] {{2, 12000}, {4, 21000}, {8, 31500}}) {
            assertThat(new Chips(pc[0], 100, 1000, false, 0, false).allReduceCycles(1_000_000, 1000)).isEqualTo(pc[1]);
        }
        // ring all-gather, p = 4: 3/4 x 10000 + 3 x 1000
        assertThat(new Chips(4, 100, 1000, false, 0, false).allGatherCycles(1_000_000, 1000)).isEqualTo(10500);
        // fully connected, p = 4: all-reduce 2 x 1e6 / (4 x 100) + 2 x 1000; all-gather 1e6 / 400 + 1000
        assertThat(new Chips(4, 100, 1000, true, 0, false).allReduceCycles(1_000_000, 1000)).isEqualTo(7000);
        assertThat(new Chips(4, 100, 1000, true, 0, false).allGatherCycles(1_000_000, 1000)).isEqualTo(3500);
        // more link bandwidth is never slower
        assertThat(new Chips(4, 200, 1000, false, 0, false).allReduceCycles(1_000_000, 1000)).isLessThan(21000);
    }

    private static Architecture arch(String chips) {
        return Systolic4x4.arch(1000, chips);
    }

    private static LayerResult run(Architecture a, Layer l) {
        return Simulator.run(a, new Network("n", "", 1, l.input(), List.of(l)), SimOptions.DEFAULT).layers().get(0);
    }

    @Test
    void aReductionSplitEndsWithTheRingAllReduce() {
        // 256 x 16 times 16 x 1: one output channel, so only the reduction splits; the 256-byte output is
        // all-reduced over 1 GB/s links (1 byte a cycle) of 100 ns a hop: 2(p-1)/p x 256 + 2(p-1) x 100 cycles,
        // p = 2: 256 + 200 = 456; p = 4: 384 + 600 = 984; p = 8: 448 + 1400 = 1848
        Layer gemm = Layers.gemm(0, "g", List.of("input"), 1, 256, 16, 1);
        for (int[] pc : new int[][] {{2, 456}, {4, 984}, {8, 1848}}) {
            int p = pc[0];
            LayerResult r = run(arch("chips: {count: %d, link: {bandwidth_gb_s: 1, latency_ns: 100}}\n".formatted(p)),
                    gemm);
            LayerResult share = run(arch(""), Layers.gemm(0, "g", List.of("input"), 1, 256, 16 / p, 1));
            assertThat(r.busy().get("link")).isEqualTo(pc[1]);
            assertThat(r.totalCycles()).isEqualTo(share.totalCycles() + pc[1]);
            assertThat(r.activity().macs()).isEqualTo(256L * 16);
            // the links carry 2(p-1) x 256 bytes in all
            assertThat(r.bytes("link")).isEqualTo(2L * (p - 1) * 256);
        }
    }

    @Test
    void anOutputSplitEndsWithTheAllGatherWhenThatIsFaster() {
        // 256 x 1 times 1 x 8: one input channel, so only the outputs split; 2048 output bytes all-gathered over 4
        // chips: 3/4 x 2048 + 3 x 100 = 1836 cycles
        Layer gemm = Layers.gemm(0, "g", List.of("input"), 1, 256, 1, 8);
        LayerResult r = run(arch("chips: {count: 4, link: {bandwidth_gb_s: 1, latency_ns: 100}}\n"), gemm);
        assertThat(r.busy().get("link")).isEqualTo(1836);
        assertThat(r.mapping().get("chips")).isEqualTo("4 of 4 by output_channels, all-gather of 2048 bytes: 1836 cycles");
    }
}
