package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipeline stages: contiguous, balanced by hand, and the send between them. */
class PipelineStagesTest {
    @Test
    void stagesAreContiguousAndTheSlowestIsLeast() {
        // 4 1 1 1 3 2 (12 in all) on 2 chips: 4+1+1 | 1+3+2, both 6 (no split does better than 12 / 2)
        assertThat(PipelineStages.stages(new long[] {4, 1, 1, 1, 3, 2}, 2)).containsExactly(0, 0, 0, 1, 1, 1);
        // on 3: 4 alone leaves 8 for two stages, at best 1+1+1 | 3+2 = 5; so 5: 4+1 | 1+1+3 | 2
        assertThat(PipelineStages.stages(new long[] {4, 1, 1, 1, 3, 2}, 3)).containsExactly(0, 0, 1, 1, 1, 2);
        // more chips than layers: one layer a stage
        assertThat(PipelineStages.stages(new long[] {5, 7}, 4)).containsExactly(0, 1);
    }

    private static Architecture arch(String chips) {
        return Systolic4x4.arch(1000, chips);
    }

    @Test
    void twoLayersOnTwoChipsSendTheFirstOutput() {
        // two equal 256 x 4 x 4 GEMMs, one a chip; the first's 1024-byte output crosses a 1 GB/s link (1 byte a
        // cycle at 1 GHz) of 100 ns: 1124 cycles added to it, so the total is one input's latency
        Layer a = Layers.gemm(0, "a", List.of("input"), 1, 256, 4, 4);
        Layer b = Layers.gemm(1, "b", List.of("a"), 1, 256, 4, 4);
        Network net = new Network("n", "", 1, a.input(), List.of(a, b));
        List<LayerResult> one = Simulator.run(arch(""), net, SimOptions.DEFAULT).layers();
        List<LayerResult> two = Simulator.run(arch("chips: {count: 2, parallelism: pipeline, link: "
                + "{bandwidth_gb_s: 1, latency_ns: 100}}\n"), net, SimOptions.DEFAULT).layers();
        assertThat(two.get(0).totalCycles()).isEqualTo(one.get(0).totalCycles() + 1124);
        assertThat(two.get(1).totalCycles()).isEqualTo(one.get(1).totalCycles());
        assertThat(two.get(0).mapping().get("stage")).isEqualTo("0, output sent to the next chip in 1124 cycles");
        assertThat(two.get(1).mapping().get("stage")).isEqualTo("1");
        assertThat(two.get(0).bytes("link")).isEqualTo(1024);
        // an input leaves every max(stage, send) cycles
        long interval = Math.max(Math.max(one.get(0).totalCycles(), one.get(1).totalCycles()), 1124);
        assertThat(two.get(1).mapping().get("pipeline")).contains("an input every " + interval + " cycles");
    }
}
