package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.result.LayerResult;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weight path of a 4x4 array by hand: double-buffered stationary tiles, and weights moved as whole tiles.
 *
 * <p>Double-buffered stationary tiles on a 4x4 weight-stationary array (R = C = 4), by hand. A GEMM of K = 8 and
 * N = 8 is four folds (two row folds by two column folds), each with its own 4x4 weight tile.
 *
 * <p>One tile per PE (SCALE-Sim's rule): a fold shifts its tile in (R), fills and drains the array (R + C - 2)
 * and streams T = M rows: 2R + C + T - 2 cycles, nothing overlapped. Two tiles per PE: the next tile shifts in
 * while the current fold streams, so a fold starts when the previous one has streamed and its own tile is in;
 * the first tile's shift (R) and one fill and drain (R + C - 2 = 6) are paid once. DRAM moves a
 * million bytes a cycle: a load or store takes one cycle.
 */
class WeightPathHandTest {
    static SystolicArch arch(int tiles, String dataflow) {
        return arch(tiles, dataflow, false);
    }

    static SystolicArch arch(int tiles, String dataflow, boolean wholeTiles) {
        return (SystolicArch) ArchLoader.parse("db.yaml", String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: db
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: %s
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32, stationary_tiles: %d, whole_weight_tiles: %b}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 1000000, latency_cycles: 0}
                """, dataflow, tiles, wholeTiles));
    }

    @Test
    void aStreamLongerThanTheShiftHidesEveryShiftButTheFirst() {
        // M = 8: T = 8 >= R = 4
        LayerResult single = isolated(arch(1, "weight-stationary"), gemm(8, 8, 8));
        assertThat(single.computeCycles()).isEqualTo(4 * (2 * 4 + 4 + 8 - 2)); // 72
        LayerResult doubled = isolated(arch(2, "weight-stationary"), gemm(8, 8, 8));
        // the array streams 4 x 8 and drains once (6); the first shift (4) comes before it
        assertThat(doubled.computeCycles()).isEqualTo(4 * 8 + 6);
        // before it: the first ifmap and weight loads, a cycle each; after it: the last output's store, a cycle
        assertThat(doubled.totalCycles()).isEqualTo(2 + 4 + (4 * 8 + 6) + 1);
        assertThat(doubled.mapping()).containsEntry("tile_shifts", "4");
    }

    @Test
    void aStreamShorterThanTheShiftWaitsForTheNextTile() {
        // M = 2: T = 2 < R = 4, so after the first fold each fold waits for its tile: a fold every R cycles
        LayerResult single = isolated(arch(1, "weight-stationary"), gemm(2, 8, 8));
        assertThat(single.computeCycles()).isEqualTo(4 * (2 * 4 + 4 + 2 - 2)); // 48
        LayerResult doubled = isolated(arch(2, "weight-stationary"), gemm(2, 8, 8));
        // shift 1 [0,4), fold 1 [4,6); shift 2 [4,8), fold 2 [8,10); shift 3 [8,12), fold 3 [12,14);
        // shift 4 [12,16), fold 4 [16,18); drain to 24: 24 cycles from the first tile's arrival (2 cycles of
        // loads), then the last output's store (a cycle)
        assertThat(doubled.totalCycles()).isEqualTo(2 + 24 + 1);
        assertThat(doubled.computeCycles()).isEqualTo(4 * 2 + 6);
    }

    @Test
    void aTileAlreadyInTheArrayIsNotShiftedAgain() {
        // K = N = 4: one tile for every fold; a tiny accumulator space cuts M = 64 into stream chunks
        SystolicArch a = (SystolicArch) ArchLoader.parse("db1.yaml", """
                format: arrayflow-arch/1
                name: db1
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32, stationary_tiles: 2}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 1000000, latency_cycles: 0}
                """);
        LayerResult r = isolated(a, gemm(64, 4, 4));
        assertThat(r.computeCycles()).isEqualTo(64 + 6);
        assertThat(r.mapping()).containsEntry("tile_shifts", "1");
    }

    @Test
    void outputStationaryArraysHaveNothingToShift() {
        LayerResult single = isolated(arch(1, "output-stationary"), gemm(8, 8, 8));
        LayerResult doubled = isolated(arch(2, "output-stationary"), gemm(8, 8, 8));
        assertThat(doubled.totalCycles()).isEqualTo(single.totalCycles());
        assertThat(doubled.mapping()).doesNotContainKey("tile_shifts");
    }

    @Test
    void inputStationaryFoldsShiftTheirInputTiles() {
        // IS: K on rows, M on columns, N streamed; M = K = 8 is four input tiles, N = 8 streams T = 8 per fold
        LayerResult single = isolated(arch(1, "input-stationary"), gemm(8, 8, 8));
        assertThat(single.computeCycles()).isEqualTo(4 * 18);
        LayerResult doubled = isolated(arch(2, "input-stationary"), gemm(8, 8, 8));
        assertThat(doubled.computeCycles()).isEqualTo(4 * 8 + 6);
    }

    @Test
    void wholeWeightTilesMovePaddingToo() {
        // K = N = 6: four folds of 4x4 tiles holding 16, 8, 8 and 4 weights (36 in all); whole tiles move 4 x 16
        assertThat(traffic(isolated(arch(2, "weight-stationary"), gemm(8, 6, 6)), "dram", "weight").bytes()).isEqualTo(36);
        LayerResult whole = isolated(arch(2, "weight-stationary", true), gemm(8, 6, 6));
        assertThat(traffic(whole, "dram", "weight").bytes()).isEqualTo(64);
        assertThat(traffic(whole, "filter_sram", "weight").reads()).isEqualTo(64);
        assertThat(whole.activity().macs()).isEqualTo(8 * 6 * 6);
        // only weight-stationary folds hold weight tiles: input-stationary ones stream the weights they use
        assertThat(traffic(isolated(arch(2, "input-stationary", true), gemm(8, 6, 6)), "dram", "weight").bytes())
                .isEqualTo(36);
    }

    @Test
    void aSecondTileNeverSlowsAFold() {
        // over shapes with few and with grouped folds (above 512 a GEMM), at ample and at scarce bandwidth
        long[][] shapes = {{8, 8, 8}, {2, 64, 64}, {300, 40, 24}, {33, 130, 90}, {1, 512, 512}, {64, 256, 256}};
        for (String df : java.util.List.of("weight-stationary", "input-stationary")) {
            for (double gbps : new double[] {1000000, 4}) {
                for (long[] g : shapes) {
                    LayerResult one = isolated(bandwidth(arch(1, df), gbps), gemm(g[0], g[1], g[2]));
                    LayerResult two = isolated(bandwidth(arch(2, df), gbps), gemm(g[0], g[1], g[2]));
                    assertThat(two.totalCycles()).as(df + " " + gbps + " GB/s " + java.util.Arrays.toString(g))
                            .isLessThanOrEqualTo(one.totalCycles());
                    assertThat(two.activity().macs()).isEqualTo(one.activity().macs());
                }
            }
        }
    }

    private static SystolicArch bandwidth(SystolicArch a, double gbps) {
        return new SystolicArch(a.name(), a.source(), a.clockMhz(), a.wordBits(), a.rows(), a.cols(), a.dataflow(),
                a.accumulatorBits(), a.buffers(), new org.arrayflow.arch.Dram(gbps, 0, 1, 0), a.macEnergyPj(),
                a.vectorOpEnergyPj(), a.vectorLanes(), a.leakagePjPerCycle(), a.energySource(), a.computeModes(),
                a.sparsity(), a.stationaryTiles(), a.wholeWeightTiles(), a.limits());
    }
}
