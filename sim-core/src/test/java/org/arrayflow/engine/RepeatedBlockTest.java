package org.arrayflow.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A block a planner wrote and then declared repeated ({@link TileProgram#repeatBlock}) gives the results of writing
 * every block: here each block loads a tile, computes once the load and the previous block's compute are done, and
 * frees its tile two blocks later (the planner learns only then that the space is needed), as an LRU buffer does.
 */
class RepeatedBlockTest {
    private static final int LOAD_BYTES = 100;

    /** Writes {@code blocks} blocks; with {@code compact}, blocks 4 .. blocks - 3 are declared copies of block 4. */
    private static TileProgram program(double bpc, long capacity, int blocks, boolean compact) {
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", bpc, 7, 2)),
                List.of("compute", "load"), List.of("buf"), new long[] {capacity}, List.of("dram", "buf"), 1);
        int[] compute = new int[blocks];
        TileProgram.Mark[] marks = new TileProgram.Mark[blocks + 1];
        int body = 4;
        int copies = blocks - 2 - body; // blocks - 2 and blocks - 1 are written after the run
        int firstAfter = body + copies;
        int bodyStart = -1;
        for (int j = 0; j < blocks; j++) {
            if (compact && j > body && j < firstAfter) {
                compute[j] = compute[body]; // a copy: its tasks are the body's
                continue;
            }
            marks[j] = p.mark();
            int l = p.add(1, 1, LOAD_BYTES, 0, 0);
            p.allocates(l, 0, LOAD_BYTES);
            if (j > 0) {
                p.dependsOn(l, compute[j - 1] - 1); // loads in order: after the previous block's load
            }
            p.counts(l, 1, 0, Access.FILL, LOAD_BYTES);
            int c = p.add(0, 0, 31 + (j == 0 ? 50 : 0), 93, 0);
            p.dependsOn(c, l);
            if (j > 0) {
                p.dependsOn(c, compute[j - 1]);
            }
            compute[j] = c;
            if (j >= 2) {
                int target = compute[j - 2];
                boolean onBody = compact && bodyStart >= 0 && target >= bodyStart;
                if (!onBody) {
                    p.frees(target, 0, LOAD_BYTES);
                    p.counts(target, 1, 0, Access.READ, 31);
                }
            }
            if (compact && j == body) {
                assertThat(p.sameShifted(marks[body - 2], marks[body - 1], marks[body])).isTrue();
                assertThat(p.sameShifted(marks[body - 1], marks[body], p.mark())).isTrue();
                bodyStart = marks[body].tasks();
                p.repeatBlock(marks[body], copies);
            }
        }
        p.frees(compute[blocks - 1], 0, 2 * LOAD_BYTES);
        p.counts(compute[blocks - 1], 1, 0, Access.READ, 62);
        return p;
    }

    @Test
    void aRepeatedBlockEqualsEveryBlockWritten() {
        for (double bpc : new double[] {0.5, 3, 50}) {
            for (long cap : new long[] {200, 300, 1000}) {
                for (int blocks : new int[] {8, 9, 30, 500}) {
                    EngineResult full = Engine.run(program(bpc, cap, blocks, false), false);
                    TileProgram compact = program(bpc, cap, blocks, true);
                    assertThat(compact.runs()).isEqualTo(1);
                    EngineResult r = Engine.run(compact, false);
                    assertThat(r.makespan()).isEqualTo(full.makespan());
                    assertThat(r.macs()).isEqualTo(full.macs());
                    assertThat(r.tasks()).isEqualTo(full.tasks());
                    assertThat(r.peakBytes(0)).isEqualTo(full.peakBytes(0));
                    assertThat(r.busyByServer()).isEqualTo(full.busyByServer());
                    for (Access a : Access.values()) {
                        assertThat(r.count(1, 0, a)).isEqualTo(full.count(1, 0, a));
                    }
                }
            }
        }
    }

    @Test
    void whatIsNotABlockIsRefused() {
        TileProgram p = program(3, 300, 8, false);
        TileProgram.Mark late = new TileProgram.Mark(p.size() - 2, 0, 0, 0);
        assertThatThrownBy(() -> p.repeatBlock(late, 3)).hasMessageContaining("past the block before it");
        assertThat(p.sameShifted(new TileProgram.Mark(0, 0, 0, 0), new TileProgram.Mark(2, 1, 0, 1), p.mark())).isFalse();
    }
}
