package org.arrayflow.kind.systolic;

import org.arrayflow.result.LayerResult;
import org.junit.jupiter.api.Test;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.separate;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GEMM M=10, K=6, N=5 on a 4x4 array with three ample 64 KiB SRAMs (8-bit words, 32-bit partial sums)
 * and 1000 B/cycle of DRAM with no latency, derived by hand for each dataflow.
 *
 * <p>Shared DRAM facts: with ample buffers every operand slice is fetched once and every output written
 * once: ifmap M*K = 60 B, weights K*N = 30 B, outputs M*N = 50 B, 140 B in all. Each transfer takes one
 * cycle (ceil(bytes/1000)). The first fold waits for two loads (ifmap slice, then weight slice: 2 cycles)
 * and the last output store runs after the last fold (1 cycle), so total = compute + 3.
 */
class SystolicGemmHandTest {
    private static final long M = 10;
    private static final long K = 6;
    private static final long N = 5;

    private static LayerResult run(String dataflow) {
        SystolicArch arch = separate(4, 4, dataflow, 64, 64, 64, 1000, 0);
        return isolated(arch, gemm(M, K, N));
    }

    private static void assertDram(LayerResult r) {
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(M * K);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(K * N);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(M * N);
        assertThat(traffic(r, "dram", "psum").bytes()).as("no partial-sum spills").isZero();
        assertThat(r.bytes("dram")).isEqualTo(140);
    }

    @Test
    void weightStationary() {
        // WS: K=6 on rows -> ceil(6/4) = 2 row folds; N=5 on cols -> 2 col folds; M=10 streamed.
        // Fold = 2R + C + T - 2 = 8 + 4 + 10 - 2 = 20 cycles; 4 folds -> 80 compute cycles.
        LayerResult r = run("weight-stationary");
        assertThat(r.mapping()).containsEntry("dataflow", "ws").containsEntry("row_folds", "2")
                .containsEntry("col_folds", "2").containsEntry("folds", "4").containsEntry("stream_chunk", "whole");
        assertThat(r.computeCycles()).isEqualTo(80);
        assertThat(r.totalCycles()).isEqualTo(83);
        assertThat(r.macs()).isEqualTo(M * K * N);
        // SRAM: each fold reads its ifmap slice (T x rows used) and its weight tile (rows x cols used) once.
        // ifmap: every (M x K) element once per column fold: 60 x 2 = 120. weights: each once: 30.
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(120);
        assertThat(traffic(r, "ifmap_sram", "ifmap").fills()).isEqualTo(60);
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(30);
        assertThat(traffic(r, "filter_sram", "weight").fills()).isEqualTo(30);
        // Partial sums live in the ofmap SRAM: every fold writes its M x cols block (50 x 2 row folds = 100),
        // the second row fold first reads the first one's block back (50). Finished outputs drain to DRAM: 50.
        assertThat(traffic(r, "ofmap_sram", "psum").writes()).isEqualTo(100);
        assertThat(traffic(r, "ofmap_sram", "psum").reads()).isEqualTo(50);
        assertThat(traffic(r, "ofmap_sram", "psum").bytes()).isEqualTo(150 * 4);
        assertThat(traffic(r, "ofmap_sram", "ofmap").drains()).isEqualTo(50);
        assertDram(r);
    }

    @Test
    void outputStationary() {
        // OS: M=10 on rows -> 3 row folds; N=5 on cols -> 2 col folds; K=6 streamed.
        // Fold = T + R + C - 2 = 6 + 4 + 4 - 2 = 12 cycles; 6 folds -> 72.
        LayerResult r = run("output-stationary");
        assertThat(r.mapping()).containsEntry("dataflow", "os").containsEntry("row_folds", "3")
                .containsEntry("col_folds", "2").containsEntry("folds", "6");
        assertThat(r.computeCycles()).isEqualTo(72);
        assertThat(r.totalCycles()).isEqualTo(75);
        // ifmap (M x K) read once per column fold: 60 x 2 = 120; weights (K x N) once per row fold: 30 x 3 = 90.
        // Outputs accumulate in the PEs: no partial-sum traffic; 50 finished outputs written to the ofmap SRAM.
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(120);
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(90);
        assertThat(traffic(r, "ofmap_sram", "psum").bytes()).isZero();
        assertThat(traffic(r, "ofmap_sram", "ofmap").writes()).isEqualTo(50);
        assertThat(traffic(r, "ofmap_sram", "ofmap").drains()).isEqualTo(50);
        assertDram(r);
    }

    @Test
    void inputStationary() {
        // IS: K=6 on rows -> 2 row folds; M=10 on cols -> 3 col folds; N=5 streamed.
        // Fold = 2R + C + T - 2 = 8 + 4 + 5 - 2 = 15 cycles; 6 folds -> 90.
        LayerResult r = run("input-stationary");
        assertThat(r.mapping()).containsEntry("dataflow", "is").containsEntry("row_folds", "2")
                .containsEntry("col_folds", "3").containsEntry("folds", "6");
        assertThat(r.computeCycles()).isEqualTo(90);
        assertThat(r.totalCycles()).isEqualTo(93);
        // ifmap tile stationary: each element read once (60); weights streamed once per column fold: 30 x 3 = 90.
        // Partial sums as WS: 50 x 2 row folds written, 50 read back.
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(60);
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(90);
        assertThat(traffic(r, "ofmap_sram", "psum").writes()).isEqualTo(100);
        assertThat(traffic(r, "ofmap_sram", "psum").reads()).isEqualTo(50);
        assertThat(traffic(r, "ofmap_sram", "ofmap").drains()).isEqualTo(50);
        assertDram(r);
    }

    @Test
    void singleFoldGemmMatchesTheOneFoldFormula() {
        // 4x4x4 on 4x4: one fold. WS 2*4 + 4 + 4 - 2 = 14, OS 4 + 4 + 4 - 2 = 10, IS 14.
        for (String[] c : new String[][] {{"weight-stationary", "14"}, {"output-stationary", "10"},
                {"input-stationary", "14"}}) {
            LayerResult r = isolated(separate(4, 4, c[0], 64, 64, 64, 1000, 0), gemm(4, 4, 4));
            assertThat(r.computeCycles()).as(c[0]).isEqualTo(Long.parseLong(c[1]));
            assertThat(r.mapping()).containsEntry("folds", "1");
        }
    }

    @Test
    void edgeFoldsPayTheFullArray() {
        // 1x1x1 on 4x4 still pays fill and drain of the whole array: WS 2*4 + 4 + 1 - 2 = 11, OS 1 + 4 + 4 - 2 = 7.
        assertThat(isolated(separate(4, 4, "weight-stationary", 64, 64, 64, 1000, 0), gemm(1, 1, 1)).computeCycles())
                .isEqualTo(11);
        assertThat(isolated(separate(4, 4, "output-stationary", 64, 64, 64, 1000, 0), gemm(1, 1, 1)).computeCycles())
                .isEqualTo(7);
    }
}
