package org.arrayflow.kind.systolic;

import org.arrayflow.result.LayerResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.separate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random GEMMs (M, K, N up to 200) on random arrays (1..64 x 1..64) with ample 1 MiB SRAMs, so the
 * stream is never cut: folds and compute cycles follow SCALE-Sim's formulas exactly, and with ample
 * bandwidth the whole input, weight and output move once.
 */
class FoldFormulaPropertyTest {
    static Stream<Integer> seeds() {
        return IntStream.range(0, 150).boxed();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void foldsAndCyclesFollowTheFormulas(int seed) {
        SplittableRandom rnd = new SplittableRandom(0xf01d_0000L + seed);
        long m = 1 + rnd.nextInt(200);
        long k = 1 + rnd.nextInt(200);
        long n = 1 + rnd.nextInt(200);
        int rows = 1 + rnd.nextInt(64);
        int cols = 1 + rnd.nextInt(64);
        String df = List.of("weight-stationary", "output-stationary", "input-stationary").get(rnd.nextInt(3));
        LayerResult r = isolated(separate(rows, cols, df, 1024, 1024, 1024, 1000, 0), gemm(m, k, n));
        long rowDim;
        long colDim;
        long t;
        long foldCycles;
        switch (df) {
            case "output-stationary":
                rowDim = m; colDim = n; t = k; foldCycles = t + rows + cols - 2;
                break;
            case "weight-stationary":
                rowDim = k; colDim = n; t = m; foldCycles = 2L * rows + cols + t - 2;
                break;
            default:
                rowDim = k; colDim = m; t = n; foldCycles = 2L * rows + cols + t - 2;
        }
        long folds = ceilDiv(rowDim, rows) * ceilDiv(colDim, cols);
        assertThat(r.mapping()).containsEntry("row_folds", String.valueOf(ceilDiv(rowDim, rows)))
                .containsEntry("col_folds", String.valueOf(ceilDiv(colDim, cols)))
                .containsEntry("folds", String.valueOf(folds)).containsEntry("stream_chunk", "whole");
        assertThat(r.computeCycles()).isEqualTo(folds * foldCycles);
        assertThat(r.bytes("dram")).isEqualTo(m * k + k * n + m * n);
        assertThat(r.macs()).isEqualTo(m * k * n);
    }
}
