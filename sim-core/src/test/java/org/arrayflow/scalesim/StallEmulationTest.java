package org.arrayflow.scalesim;

import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-derived checks of the SCALE-Sim memory emulation on a 4x4 array and on tiny buffers. */
class StallEmulationTest {

    private static StallEmulation.Result gemm4(String df) {
        ScaleSimConfig cfg = ScaleSimConfig.parse("t.cfg", ScaleSimConfigTest.cfg(df, "USER", "10"));
        Network net = Topology.parse("g.csv", "Layer Name, M, N, K,\ng, 4, 4, 4,\n", null);
        Layer layer = net.layers().get(0);
        Gemm g = layer.gemms().get(0);
        return StallEmulation.run(cfg, FoldShape.of(cfg.dataflow(), cfg.rows(), cfg.cols(), g),
                OperandAddresses.of(layer, g.m(), g.k(), g.n()));
    }

    @Test
    void outputStationaryFourByFourWithoutStalls() {
        StallEmulation.Result r = gemm4("os");
        // One fold of T + R + C - 2 = 4 + 4 + 4 - 2 = 10 rows; 16-word operands fit in the test config's 64/32 kB buffers,
        // so nothing stalls and Total is the last row's index: 9 (SCALE-Sim issue 125).
        assertThat(r.totalCycles()).isEqualTo(9);
        assertThat(r.stallCycles()).isZero();
        // ifmap row t feeds array rows r <= t with t - r < 4: rows 0..6, each served 1 cycle later.
        assertThat(r.sramIfmap()).isEqualTo(new ScaleSimLayer.Span(1, 7));
        assertThat(r.sramFilter()).isEqualTo(new ScaleSimLayer.Span(1, 7));
        // Outputs leave after T - 1 = 3 idle rows, skewed over 4 columns and 4 rows: rows 3..9.
        assertThat(r.sramOfmap()).isEqualTo(new ScaleSimLayer.Span(3, 9));
        // 16 entries = 2 lines of 10; the first fill takes min(ceil(32768/10), 2) = 2 lines, 20 words
        // (padding counted), answered at cycles -2 and -1.
        assertThat(r.dramIfmapReads()).isEqualTo(20);
        assertThat(r.dramIfmap()).isEqualTo(new ScaleSimLayer.Span(-2, -1));
        assertThat(r.dramFilterReads()).isEqualTo(20);
        // 16 outputs never exceed the 16 kB buffer's 8192-word drain half, so all drain after the run, from Total = 9:
        // a full line and a 6-word line, 2 cycles, 20 - 4 padding = 16 words.
        assertThat(r.dramOfmapWrites()).isEqualTo(16);
        assertThat(r.dramOfmap()).isEqualTo(new ScaleSimLayer.Span(9, 10));
    }

    @ParameterizedTest
    @CsvSource({
            // WS/IS fold: 2R + C + T - 2 = 8 + 4 + 4 - 2 = 14 rows -> Total 13. The stationary operand is
            // loaded in rows 0..3 (served 1..4); the streamed one starts after R = 4 rows (served from 5) and
            // runs over T + R - 1 = 7 rows (to 11). Outputs start after 2R - 1 = 7 rows and end at row 13.
            "ws, 5, 11, 1, 4",
            "is, 1, 4, 5, 11",
    })
    void stationaryFourByFourWithoutStalls(String df, double ifStart, double ifStop, double fStart, double fStop) {
        StallEmulation.Result r = gemm4(df);
        assertThat(r.totalCycles()).isEqualTo(13);
        assertThat(r.stallCycles()).isZero();
        assertThat(r.sramIfmap()).isEqualTo(new ScaleSimLayer.Span(ifStart, ifStop));
        assertThat(r.sramFilter()).isEqualTo(new ScaleSimLayer.Span(fStart, fStop));
        assertThat(r.sramOfmap()).isEqualTo(new ScaleSimLayer.Span(7, 13));
    }

    /**
     * Seeded shapes (GEMM and conv) on a 4x4 array with buffers far larger than any operand: nothing can
     * miss or fill up, so from the rules alone: no stalls, Total = folds x per-fold - 1, each read buffer
     * fetches its whole padded stream once (ceil(entries / bw) lines of bw words), and the ofmap drains
     * exactly the outputs written (OS: M x N; WS/IS: M x N per row fold) after the run.
     */
    @ParameterizedTest
    @CsvSource({"os, 11", "ws, 12", "is, 13", "os, 21", "ws, 22", "is, 23"})
    void hugeBuffersNeverStall(String df, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        String cfgText = ScaleSimConfigTest.cfg(df, "USER", "3").replace("SramSzkB: 64", "SramSzkB: 4096")
                .replace("SramSzkB: 32", "SramSzkB: 4096").replace("SramSzkB: 16", "SramSzkB: 4096");
        ScaleSimConfig cfg = ScaleSimConfig.parse("t.cfg", cfgText);
        for (int i = 0; i < 5; i++) {
            String topo = rnd.nextBoolean()
                    ? "Layer Name, M, N, K,\ng, " + (1 + rnd.nextInt(9)) + ", " + (1 + rnd.nextInt(9)) + ", "
                            + (1 + rnd.nextInt(9)) + ",\n"
                    : "n, h, w, fh, fw, c, nf, s,\nc, " + (5 + rnd.nextInt(4)) + ", " + (5 + rnd.nextInt(4)) + ", "
                            + (1 + rnd.nextInt(3)) + ", " + (1 + rnd.nextInt(3)) + ", " + (1 + rnd.nextInt(3)) + ", "
                            + (1 + rnd.nextInt(6)) + ", " + (1 + rnd.nextInt(2)) + ",\n";
            Layer layer = Topology.parse("t.csv", topo, null).layers().get(0);
            Gemm g = layer.gemms().get(0);
            FoldShape fs = FoldShape.of(cfg.dataflow(), 4, 4, g);
            StallEmulation.Result r = StallEmulation.run(cfg, fs, OperandAddresses.of(layer, g.m(), g.k(), g.n()));
            assertThat(r.stallCycles()).as(topo).isZero();
            assertThat(r.totalCycles()).as(topo).isEqualTo(fs.folds() * fs.cyclesPerFold() - 1);
            // Prefetch matrices (docs/scalesim-notes.md section 6): OS ifmap K x R and filter K x C tiles;
            // WS ifmap M x R, filter K x C; IS ifmap K x C, filter N x R; one tile per fold of that side.
            long ifEntries = switch (df) {
                case "os" -> fs.rowFolds() * g.k() * 4;
                case "ws" -> fs.rowFolds() * g.m() * 4;
                default -> fs.colFolds() * g.k() * 4;
            };
            long fEntries = df.equals("is") ? fs.rowFolds() * g.n() * 4 : fs.colFolds() * g.k() * 4;
            assertThat(r.dramIfmapReads()).as(topo).isEqualTo((ifEntries + 2) / 3 * 3);
            assertThat(r.dramFilterReads()).as(topo).isEqualTo((fEntries + 2) / 3 * 3);
            long outputs = df.equals("os") ? g.m() * g.n() : g.m() * g.n() * ((g.k() + 3) / 4);
            assertThat(r.dramOfmapWrites()).as(topo).isEqualTo(outputs);
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void readBufferRotatesInFetchOrderAndDoublesPositiveStalls(boolean uniqueIndex) {
        // (The same answers with the one-set-per-address index and with the general one.) Stream 0..7 in one row, sets of 2 -> sets {0,1} {2,3} {4,5} {6,7} plus the empty set SCALE-Sim
        // appends = 5 sets. 8 words: active 4 -> window of 2 sets, prefetch 2 sets. bw 2: fill 2 lines.
        FetchSets sets = new FetchSets(1, 8, false, 8, 2, 1, uniqueIndex, (r, c) -> c);
        ReadBufferEmulator b = new ReadBufferEmulator(sets, 8, 2, 2);
        // Cycle 0: all of 0, 1, 2 are in sets 0-1: hit latency only. Fill: 4 words at cycles -2, -1.
        assertThat(b.serviceRow(0, new long[] {0, 1, 2}, 3)).isEqualTo(1);
        // Cycle 1: 4 is in set 2 -> rotate to sets 2-3, fetch 2 lines answered at 1, 2; p = 2 - (1 + 1) = 0.
        assertThat(b.serviceRow(1, new long[] {4}, 1)).isEqualTo(1);
        // Cycle 2: 6 hits; 0 (set 0) needs a rotation to sets 4, 0 (wrapping): last = 5, p = 5 - 3 = 2,
        // added twice (issue 130): offset 1 + 2 + 2 = 5.
        assertThat(b.serviceRow(2, new long[] {6, 0}, 2)).isEqualTo(5);
        // Cycle 3: 2 (set 1) -> window sets 1, 2; last = 8, p = 8 - 4 = 4: offset 1 + 4 + 4 = 9.
        assertThat(b.serviceRow(3, new long[] {2}, 1)).isEqualTo(9);
        // Cycle 20: 0 needs two rotations (sets 3-4, then 0-1). First: last 11, p = 11 - 21 = -10 -> offset -9;
        // second: last 14, p = 14 - (20 - 9) = 3 -> offset -9 + 3 + 3 = -3 (a negative read term, as in SCALE-Sim).
        assertThat(b.serviceRow(20, new long[] {0}, 1)).isEqualTo(-3);
        // Fill 4 + five fetches of 2 lines x 2 words.
        assertThat(b.dramWords()).isEqualTo(24);
        assertThat(b.dramStart()).isEqualTo(-2);
        assertThat(b.dramStop()).isEqualTo(14);
    }

    @Test
    void anAddressRepeatedInTheStreamHitsInAnyOfItsSets() {
        // Stream 0 1 2 3 0 1 (a convolution's im2col repeats ifmap elements), sets of 2: {0,1} {2,3} {0,1}
        // and the empty last set = 4 sets. 4 words: window 1 set, prefetch 1 set; bw 2: fill 1 line.
        long[] stream = {0, 1, 2, 3, 0, 1};
        FetchSets sets = new FetchSets(1, 6, false, 4, 2, 1, false, (r, c) -> stream[(int) c]);
        ReadBufferEmulator b = new ReadBufferEmulator(sets, 4, 2, 2);
        // Cycle 0: 2 is in set 1 -> one rotation, fetch answered at 1: p = 1 - 1 = 0.
        assertThat(b.serviceRow(0, new long[] {2}, 1)).isEqualTo(1);
        // Cycle 5: 0 is in sets 0 and 2; the next rotation (to set 2) already holds it: one fetch answered
        // at 3, p = 3 - 6 = -3, offset -2. Without the repeat it would have wrapped round to set 0.
        assertThat(b.serviceRow(5, new long[] {0}, 1)).isEqualTo(-2);
        assertThat(b.dramWords()).isEqualTo(6);
        assertThat(b.dramStop()).isEqualTo(3);
    }

    @Test
    void writeBufferDrainsHalfAndCountsPaddingOfInnerLines() {
        // 8 words: drain when more than 4 are held; bw 2 -> a drain is 2 lines.
        WriteBufferEmulator w = new WriteBufferEmulator(8, 2);
        assertThat(w.serviceRow(0, 3)).isEqualTo(0);
        // The 5th output leaves 3 free (< 4): the open line (1 word) is closed and lines 0-1 drain at 1, 2.
        // Starting a drain does not hold the array.
        assertThat(w.serviceRow(1, 2)).isEqualTo(1);
        assertThat(w.serviceRow(2, 1)).isEqualTo(2);
        // After the run: line 2 (1 word + padding) and line 3 (1 word) drain at 10, 11. Only the last line's
        // padding is discounted: 4 + (2 + 1) = 7 words for 6 outputs.
        w.flush(10);
        assertThat(w.dramWords()).isEqualTo(7);
        assertThat(w.dramStart()).isEqualTo(1);
        assertThat(w.dramStop()).isEqualTo(11);
    }

    @Test
    void writeBufferHoldsTheArrayWhenFullDuringADrain() {
        // 4 words, bw 1: drain when more than 2 are held, 2 lines per drain.
        WriteBufferEmulator w = new WriteBufferEmulator(4, 1);
        // Outputs 1-3: the 3rd starts a drain of 2 lines at cycles 0..1 (free back to 3). Outputs 4-6 fill
        // the buffer (free 0) while the drain runs: the row waits for its end, cycle 1.
        assertThat(w.serviceRow(0, 6)).isEqualTo(1);
    }
}
