package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.Engine;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folds planned as a block repeated ({@link FoldSkip}) give exactly what writing every block gives: the same
 * program written out, hence the same cycles, busy time, MACs and counts at every level, and the same mapping.
 * Checked over dataflows, loop orders, arrays, buffers from ample to thrashing (evictions, streamed slices,
 * spilled partial sums), shifted-in tiles, convolutions whose K folds straddle channel planes, and N:M weights.
 */
class SkippedFoldsTest {
    static SystolicArch arch(int rows, int cols, String dataflow, double ifKib, double wKib, double oKib, double gbps,
                             String peExtra) {
        return arch(rows, cols, dataflow, ifKib, wKib, oKib, gbps, peExtra, "");
    }

    static SystolicArch arch(int rows, int cols, String dataflow, double ifKib, double wKib, double oKib, double gbps,
                             String peExtra, String topLine) {
        String yaml = topLine + String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: skip-%dx%d
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: %s
                pe_array: {rows: %d, cols: %d, accumulator_bits: 32%s}
                memory:
                  ifmap_sram: {size_kib: %s}
                  filter_sram: {size_kib: %s}
                  ofmap_sram: {size_kib: %s}
                  dram: {bandwidth_gb_s: %s, latency_cycles: 20}
                """, rows, cols, dataflow, rows, cols, peExtra, ifKib, wKib, oKib, gbps);
        return (SystolicArch) ArchLoader.parse("test.yaml", yaml);
    }

    record Outcome(EngineResult result, long dramBytes, java.util.Map<String, String> mapping, int runs, int depth) {}

    static Outcome plan(SystolicArch arch, Layer layer, FoldPlan.Order order, boolean skip) {
        SystolicPlanner planner = new SystolicPlanner(arch);
        LayerContext ctx = LayerContext.isolated(layer.inputShapes().size(), arch.buffers().size());
        FoldPlan p = new FoldPlan(arch, planner, layer, ctx, order, Long.MAX_VALUE, 0, skip);
        p.build();
        PlannedLayer pl = p.result();
        return new Outcome(Engine.run(pl.program(), false), p.dramBytes(), pl.mapping(), pl.program().runs(),
                pl.program().runDepth());
    }

    static void assertSame(Outcome a, Outcome b, String what) {
        assertThat(a.result().makespan()).as(what + " cycles").isEqualTo(b.result().makespan());
        assertThat(a.result().busyByServer()).as(what + " busy").isEqualTo(b.result().busyByServer());
        assertThat(a.result().macs()).as(what + " macs").isEqualTo(b.result().macs());
        assertThat(a.result().tasks()).as(what + " tasks").isEqualTo(b.result().tasks());
        assertThat(a.dramBytes()).as(what + " dram bytes").isEqualTo(b.dramBytes());
        assertThat(a.mapping()).as(what + " mapping").isEqualTo(b.mapping());
        for (int level = 0; level < 4; level++) {
            for (int t = 0; t < org.arrayflow.tensor.Tensor.values().length; t++) {
                for (Access x : Access.values()) {
                    assertThat(a.result().count(level, t, x)).as("%s level %d tensor %d %s", what, level, t, x)
                            .isEqualTo(b.result().count(level, t, x));
                }
            }
        }
    }

    @Test
    void skippedBlocksEqualWrittenBlocks() {
        // the last GEMM's stream (M = 600) is cut into chunks where partial sums must fit: runs of runs
        List<Layer> layers = List.of(Fixtures.gemm(37, 300, 260), Fixtures.gemm(200, 41, 333), Fixtures.gemm(600, 60, 44),
                Fixtures.network(20, 12, 12, "{name: c, type: conv2d, filters: 96, kernel: 3, padding: 1}").layers().get(0));
        int skipped = 0;
        int nested = 0;
        int cases = 0;
        for (String df : new String[] {"weight-stationary", "output-stationary", "input-stationary"}) {
            for (String extra : new String[] {"", ", stationary_tiles: 2"}) {
                for (double kib : new double[] {0.5, 2, 64}) {
                    SystolicArch arch = arch(4, 4, df, kib, kib, kib, 2, extra);
                    for (Layer layer : layers) {
                        for (FoldPlan.Order order : FoldPlan.Order.values()) {
                            String what = df + extra + " " + kib + " KiB " + layer.name() + " " + order;
                            Outcome written;
                            try {
                                written = plan(arch, layer, order, false);
                            } catch (org.arrayflow.dataflow.MappingException e) {
                                continue; // buffers too small for this layer: no plan to compare
                            }
                            Outcome compact = plan(arch, layer, order, true);
                            assertSame(compact, written, what);
                            cases++;
                            skipped += compact.runs() > 0 ? 1 : 0;
                            nested += compact.depth() > 1 ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertThat(nested).as("cases planned with a repeated stream chunk holding a repeated block").isGreaterThan(4);
        assertThat(cases).isGreaterThan(80);
        assertThat(skipped).as("cases planned with a repeated block").isGreaterThan(cases / 3);
    }

    @Test
    void skippedBlocksEqualWrittenBlocksWithPrunedWeightsSkipped() {
        Layer conv = Fixtures.network(24, 10, 10, "{name: c, type: conv2d, filters: 64, kernel: 3, padding: 1, "
                + "tensors: {weight: {density: \"2:4\"}}}").layers().get(0);
        Layer fc = Fixtures.network(1, 1, 1, "{name: g, type: gemm, m: 30, k: 520, n: 90, "
                + "tensors: {weight: {density: \"2:4\"}}}").layers().get(0);
        int skipped = 0;
        for (String df : new String[] {"weight-stationary", "input-stationary"}) {
            for (double kib : new double[] {0.5, 2}) {
                SystolicArch arch = arch(8, 4, df, kib, kib, kib, 2, "", "sparsity: {structured: {pattern: \"2:4\"}}\n");
                for (Layer layer : List.of(conv, fc)) {
                    for (FoldPlan.Order order : FoldPlan.Order.values()) {
                        Outcome written = plan(arch, layer, order, false);
                        Outcome compact = plan(arch, layer, order, true);
                        assertSame(compact, written, df + " " + kib + " " + layer.name() + " " + order);
                        assertThat(written.mapping()).containsKey("structured");
                        skipped += compact.runs() > 0 ? 1 : 0;
                    }
                }
            }
        }
        assertThat(skipped).isGreaterThan(4);
    }

    /**
     * Two cases the blocks of stream chunks must repeat in too. A convolution in two groups: the second group's
     * chunks repeat as the first's do (its state must not hold the first group's slices). And a convolution whose
     * chunks touch floor(plane x row / M) words of each ifmap plane, 13 x 13 = 169 words a plane for 11 x 11 = 121
     * output rows of an image: with chunks of 16 rows, gcd(121, 16 x 169) = 1, so the chunks repeat only every
     * 121 chunks, the step {@link FoldShift} must find.
     */
    @Test
    void chunksRepeatInEveryGroupAndOverLongPeriods() {
        org.arrayflow.workload.Network grouped = org.arrayflow.workload.WorkloadLoader.parse("g.yaml", """
                format: arrayflow-workload/1
                name: g
                batch: 40
                input: {channels: 8, height: 12, width: 12}
                layers:
                  - {name: g, type: conv2d, filters: 8, kernel: 3, padding: 1, groups: 2}
                """, 0);
        org.arrayflow.workload.Network periodic = org.arrayflow.workload.WorkloadLoader.parse("p.yaml", """
                format: arrayflow-workload/1
                name: p
                batch: 96
                input: {channels: 2, height: 13, width: 13}
                layers:
                  - {name: p, type: conv2d, filters: 4, kernel: 3}
                """, 0);
        SystolicArch arch = arch(4, 4, "weight-stationary", 2, 2, 0.5, 2, "");
        int expectedRuns = 2; // a run of stream chunks in each group; the fold loops (K steps of 9 folds) are too short
        for (Layer layer : List.of(grouped.layers().get(0), periodic.layers().get(0))) {
            Outcome written = plan(arch, layer, FoldPlan.Order.ROWS_OUTER, false);
            Outcome compact = plan(arch, layer, FoldPlan.Order.ROWS_OUTER, true);
            assertSame(compact, written, layer.name());
            assertThat(compact.mapping()).containsEntry("stream_chunk", "16");
            assertThat(compact.runs()).as(layer.name() + ": runs of stream chunks").isEqualTo(expectedRuns);
            expectedRuns = 1;
        }
        Layer conv = periodic.layers().get(0);
        FoldGeometry geo = new FoldGeometry(SystolicDataflow.WEIGHT_STATIONARY, conv.gemms().get(0), 4, 4, 16, 1);
        assertThat(FoldShift.shortest(geo, FoldGeometry.M, null, true).fold()[FoldGeometry.M]).isEqualTo(121);
    }

    /**
     * A 10^5-cubed GEMM on a 32x32 WS array with 64 KiB SRAMs (32-bit partial sums), 3.8e9 folds: the stream
     * (M) is cut so a fold's partial sums take half the ofmap SRAM, 65,536 / 2 / (4 x 32) = 256 rows, so 390 chunks
     * of 256 and one of 160; K and N give 3,125 x 3,125 folds per chunk. A fold takes 2R + C + T - 2 = 94 + T cycles:
     * compute = 3,125^2 x (390 x 350 + 254) = 1,335,488,281,250 cycles, planned as repeated blocks of repeated blocks.
     */
    @Test
    void aTenToTheFifthCubedGemmTakesTheCyclesOfItsFolds() {
        SystolicArch arch = arch(32, 32, "weight-stationary", 64, 64, 64, 16, "");
        org.arrayflow.result.LayerResult r = Fixtures.isolated(arch, Fixtures.gemm(100_000, 100_000, 100_000));
        assertThat(r.macs()).isEqualTo(1_000_000_000_000_000L);
        assertThat(r.computeCycles()).isEqualTo(3125L * 3125 * (390 * 350 + 254));
        assertThat(r.mapping()).containsEntry("stream_chunk", "256").containsEntry("folds", "3818359375");
        assertThat(r.totalCycles()).isGreaterThanOrEqualTo(r.computeCycles());
    }
}
