package org.arrayflow.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run of identical iterations ({@link TileProgram#repeat}) gives exactly the results of the same program with
 * every iteration written out, whether the run is compute- or bandwidth-bound, and whatever comes before and after.
 */
class RunLengthTest {
    private static final int ARRAY = 0;
    private static final int DRAM = 1;

    /** Tiles of a loop nest: per block a prologue tile, {@code count} identical tiles, a ragged tile and a store. */
    private static TileProgram program(double bpc, long latency, int channels, long capacity, int blocks, long count,
                                       long loadBytes, long cycles, boolean compact) {
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", bpc, latency, channels)),
                List.of("compute", "load", "store"), List.of("in", "out"), new long[] {capacity, 4 * loadBytes},
                List.of("dram", "buf"), 2);
        int first = p.add(1, DRAM, 3 * loadBytes, 0, 0); // a load everything below waits for, as a resident weight
        p.counts(first, 0, 1, Access.READ, 3 * loadBytes);
        for (int b = 0; b < blocks; b++) {
            int last = tile(p, loadBytes + 7, cycles / 2 + 1, first, true);
            if (compact) {
                int body = p.size();
                last = tile(p, loadBytes, cycles, first, false);
                p.repeat(body, count);
            } else {
                for (long i = 0; i < count; i++) {
                    last = tile(p, loadBytes, cycles, first, false);
                }
            }
            last = tile(p, loadBytes / 2 + 1, cycles / 3 + 1, last, false);
            int st = p.add(2, DRAM, 2 * loadBytes, 0, 0);
            p.dependsOn(st, last);
            p.frees(st, 1, loadBytes);
            p.counts(st, 0, 0, Access.WRITE, 2 * loadBytes);
        }
        return p;
    }

    private static int tile(TileProgram p, long bytes, long cycles, int after, boolean allocOut) {
        int l = p.add(1, DRAM, bytes, 0, 0);
        p.allocates(l, 0, bytes);
        p.counts(l, 1, 0, Access.FILL, bytes);
        int c = p.add(0, ARRAY, cycles, cycles * 3, 0);
        p.dependsOn(c, l);
        p.dependsOn(c, after);
        p.frees(c, 0, bytes);
        p.counts(c, 1, 0, Access.READ, cycles);
        if (allocOut) {
            p.allocates(c, 1, bytes);
        }
        return c;
    }

    private static void assertSame(EngineResult a, EngineResult b) {
        assertThat(a.makespan()).isEqualTo(b.makespan());
        assertThat(a.busyByServer()).isEqualTo(b.busyByServer());
        assertThat(a.macs()).isEqualTo(b.macs());
        assertThat(a.tasks()).isEqualTo(b.tasks());
        for (int buf = 0; buf < 2; buf++) {
            assertThat(a.peakBytes(buf)).isEqualTo(b.peakBytes(buf));
        }
        for (int level = 0; level < 2; level++) {
            for (int t = 0; t < 2; t++) {
                for (Access x : Access.values()) {
                    assertThat(a.count(level, t, x)).as("level %d tensor %d %s", level, t, x).isEqualTo(b.count(level, t, x));
                }
            }
        }
    }

    @Test
    void compactRunsEqualWrittenOutRuns() {
        double[] bandwidths = {0.5, 3, 64};       // bandwidth-bound, balanced, compute-bound
        long[] capacities = {110, 250, 1000};     // one tile, two tiles (double-buffered), many
        for (double bpc : bandwidths) {
            for (long cap : capacities) {
                for (int channels : new int[] {1, 3}) {
                    for (long count : new long[] {1, 2, 5, 40, 300}) {
                        EngineResult compact = Engine.run(program(bpc, 9, channels, cap, 3, count, 100, 37, true), false);
                        EngineResult full = Engine.run(program(bpc, 9, channels, cap, 3, count, 100, 37, false), false);
                        assertSame(compact, full);
                        EngineResult traced = Engine.run(program(bpc, 9, channels, cap, 3, count, 100, 37, true), true);
                        assertSame(traced, full);
                        assertThat(traced.trace()).hasSize((int) full.tasks());
                    }
                    // too many to write out: it must reach its steady state (or the run would be refused)
                    assertThat(Engine.run(program(bpc, 9, channels, cap, 3, 1L << 40, 100, 37, true), false).tasks())
                            .isEqualTo(1 + 3 * (5 + 2 * (1L << 40)));
                }
            }
        }
    }

    /**
     * A loop whose tile waits for the tile before it (its load for the previous compute, as a reloaded partial sum
     * waits for its spill): written as its first iteration, then a carried run of the rest.
     */
    private static TileProgram chain(double bpc, long capacity, long count, boolean compact) {
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", bpc, 5, 2)),
                List.of("compute", "load", "store"), List.of("in", "out"), new long[] {capacity, 1000},
                List.of("dram", "buf"), 2);
        int last = p.add(1, DRAM, 60, 0, 0);
        last = chained(p, last);
        if (compact) {
            int body = p.size();
            chained(p, last);
            p.repeatCarried(body, count - 1);
            last = body + 1;
        } else {
            for (long i = 1; i < count; i++) {
                last = chained(p, last);
            }
        }
        int st = p.add(2, DRAM, 40, 0, 0);
        p.dependsOn(st, last);
        return p;
    }

    private static int chained(TileProgram p, int previousCompute) {
        int l = p.add(1, DRAM, 100, 0, 0);
        p.allocates(l, 0, 100);
        p.dependsOn(l, previousCompute);
        p.counts(l, 1, 0, Access.FILL, 100);
        int c = p.add(0, ARRAY, 23, 69, 0);
        p.dependsOn(c, l);
        p.dependsOn(c, previousCompute);
        p.frees(c, 0, 100);
        p.counts(c, 1, 0, Access.READ, 23);
        return c;
    }

    @Test
    void carriedRunsEqualWrittenOutChains() {
        for (double bpc : new double[] {0.5, 4, 64}) {
            for (long cap : new long[] {100, 250}) {
                for (long count : new long[] {2, 3, 7, 50, 400}) {
                    EngineResult full = Engine.run(chain(bpc, cap, count, false), false);
                    assertSame(Engine.run(chain(bpc, cap, count, true), false), full);
                    assertSame(Engine.run(chain(bpc, cap, count, true).writtenOut(), false), full);
                }
            }
        }
        assertThatThrownBy(() -> {
            TileProgram p = chain(4, 100, 2, false);
            p.repeatCarried(1, 3);
        }).hasMessageContaining("previous iteration");
    }

    /** {@link #program}'s blocks as a run too (a run of runs) when {@code nested}: block 0 written, the rest a run. */
    private static TileProgram blocksOfRuns(double bpc, int channels, long capacity, int blocks, long count,
                                            boolean nested) {
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", bpc, 9, channels)),
                List.of("compute", "load", "store"), List.of("in", "out"), new long[] {capacity, 400},
                List.of("dram", "buf"), 2);
        int first = p.add(1, DRAM, 300, 0, 0);
        for (int b = 0; b < (nested ? 2 : blocks); b++) {
            int outerBody = p.size();
            int last = tile(p, 107, 19, first, true);
            int body = p.size();
            last = tile(p, 100, 37, first, false);
            p.repeat(body, count);
            last = tile(p, 51, 13, last, false);
            int st = p.add(2, DRAM, 200, 0, 0);
            p.dependsOn(st, last);
            p.frees(st, 1, 107);
            p.counts(st, 0, 0, Access.WRITE, 200);
            if (nested && b == 1) {
                p.repeat(outerBody, blocks - 1);
            }
        }
        return p;
    }

    @Test
    void runsOfRunsEqualWrittenOutRuns() {
        for (double bpc : new double[] {0.5, 3, 64}) {
            for (long cap : new long[] {110, 250, 1000}) {
                for (int blocks : new int[] {2, 3, 9, 70}) {
                    for (long count : new long[] {1, 4, 60}) {
                        EngineResult full = Engine.run(blocksOfRuns(bpc, 2, cap, blocks, count, false), false);
                        TileProgram nested = blocksOfRuns(bpc, 2, cap, blocks, count, true);
                        assertThat(nested.expandedSize()).isEqualTo(full.tasks());
                        assertSame(Engine.run(nested, false), full);
                        assertSame(Engine.run(nested.writtenOut(), false), full);
                    }
                }
            }
        }
        // far too many to write out: both levels reach their steady state
        TileProgram huge = blocksOfRuns(3, 2, 250, 1 << 20, 1L << 20, true);
        assertThat(Engine.run(huge, false).tasks()).isEqualTo(1 + (1L << 20) * (5 + 2 * (1L << 20)));
    }

    @Test
    void aRunOfBillionsOfIterationsTakesTheTimeOfAFew() {
        long count = 2_000_000_000L;
        EngineResult r = Engine.run(program(3, 9, 1, 250, 2, count, 100, 37, true), false);
        EngineResult few = Engine.run(program(3, 9, 1, 250, 2, 1000, 100, 37, false), false);
        EngineResult more = Engine.run(program(3, 9, 1, 250, 2, 1002, 100, 37, false), false);
        // two more iterations in each of the two blocks: the steady state alternates between two iterations, one
        // waiting for the link, one for the array, and takes the 34-cycle load + 9 latency + 37 compute per pair
        long perPair = more.makespan() - few.makespan();
        assertThat(perPair).isEqualTo(2 * (34 + 9 + 37));
        assertThat(r.makespan()).isEqualTo(few.makespan() + (count - 1000) / 2 * perPair);
        assertThat(r.tasks()).isEqualTo(few.tasks() + (count - 1000) * 2 * 2);
    }

    @Test
    void totalsPastALongAreAnError() {
        TileProgram p = program(3, 9, 1, 250, 1, Long.MAX_VALUE / 4, 100, 37, true);
        assertThatThrownBy(() -> Engine.run(p, false)).isInstanceOf(ProgramTooLargeException.class)
                .hasMessageContaining("can be counted");
        assertThatThrownBy(() -> Engine.run(program(3, 9, 1, 250, 1, 1L << 30, 100, 37, true), true))
                .isInstanceOf(ProgramTooLargeException.class).hasMessageContaining("without a trace");
    }
}
