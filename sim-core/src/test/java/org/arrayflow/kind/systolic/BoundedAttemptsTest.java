package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.Engine;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner abandons a shorter-chunk attempt once its cost so far is beyond the best attempt's; finishing every
 * attempt must choose the same one. Checked over dataflows, buffers from thrashing to ample and DRAM bandwidths
 * from starved to ample, on GEMMs whose streams are cut so partial sums fit (where the chunk ladder runs).
 */
class BoundedAttemptsTest {
    private record Choice(EngineResult result, java.util.Map<String, String> mapping) {}

    private static Choice plan(SystolicPlanner planner, SystolicArch arch, Layer layer) {
        LayerContext ctx = LayerContext.isolated(layer.inputShapes().size(), arch.buffers().size());
        PlannedLayer pl = planner.plan(layer, ctx, null);
        return new Choice(Engine.run(pl.program(), false), pl.mapping());
    }

    @Test
    void abandoningLosingAttemptsChoosesWhatFinishingThemChooses() {
        List<Layer> layers = List.of(Fixtures.gemm(600, 60, 44), Fixtures.gemm(512, 96, 96),
                Fixtures.gemm(1000, 40, 24), Fixtures.gemm(300, 200, 70));
        long abandoned = 0;
        int cases = 0;
        for (String df : new String[] {"weight-stationary", "input-stationary"}) {
            for (double kib : new double[] {0.5, 1, 4, 64}) {
                for (double gbps : new double[] {0.5, 2, 64}) {
                    SystolicArch arch = SkippedFoldsTest.arch(4, 4, df, kib, kib, kib, gbps, "");
                    SystolicPlanner bounded = new SystolicPlanner(arch, true);
                    SystolicPlanner whole = new SystolicPlanner(arch, false);
                    for (Layer layer : layers) {
                        String what = df + " " + kib + " KiB " + gbps + " GB/s " + layer.name();
                        Choice a;
                        try {
                            a = plan(whole, arch, layer);
                        } catch (MappingException e) {
                            continue; // buffers too small for this layer
                        }
                        Choice b = plan(bounded, arch, layer);
                        assertThat(b.mapping()).as(what).isEqualTo(a.mapping());
                        assertThat(b.result().makespan()).as(what).isEqualTo(a.result().makespan());
                        assertThat(b.result().busyByServer()).as(what).isEqualTo(a.result().busyByServer());
                        cases++;
                    }
                    assertThat(whole.abandoned).isZero();
                    abandoned += bounded.abandoned;
                }
            }
        }
        assertThat(cases).isGreaterThan(60);
        assertThat(abandoned).as("attempts abandoned over the grid").isGreaterThan(cases / 4);
    }
}
