package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.arrayflow.sim.Systolic4x4.arch;
import static org.arrayflow.sim.Systolic4x4.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vector layers on several cores (CoreSplit.ofVector): cut along the output's rows, or its tokens where there is
 * one row, each core's piece planned as a layer of its own on the 4 x 4 array's vector unit (4 lanes). The same
 * claim as for matrix layers, checked exactly: private links time a core alone on its piece, a shared link of B
 * times one core with B / n.
 */
class MultiCoreVectorTest {
    /** The sum of two 4-channel inputs of 256 tokens: 1024 element operations, 2048 bytes in, 1024 out. */
    private static Layer add(int tokens) {
        Shape s = new Shape(4, 1, tokens);
        return Layers.add(0, "a", List.of("x", "y"), List.of(s, s), 1);
    }

    @Test
    void privateLinksTimeEachCoreAloneOnItsTokens() {
        // 256 tokens over 2 and 4 cores: 128 and 64 each, so a core does 512 or 256 operations at 4 a cycle
        for (int cores : new int[] {2, 4}) {
            Architecture chip = arch(1000, "cores: {count: %d, dram: private, partition: output_channels}\n"
                    .formatted(cores));
            LayerResult r = run(chip, add(256));
            LayerResult alone = run(arch(1000, ""), add(256 / cores));
            assertThat(r.totalCycles()).isEqualTo(alone.totalCycles());
            assertThat(r.computeCycles()).isEqualTo(1024 / 4 / cores);
            // the energy counts the layer's 1024 operations; DRAM moved all 3072 bytes
            assertThat(r.activity().vectorOps()).isEqualTo(1024);
            assertThat(r.bytes("dram")).isEqualTo(3072);
            assertThat(r.mapping().get("cores")).isEqualTo(cores + " of " + cores + " by output_pixels (" + cores
                    + " x " + 256 / cores + ")");
        }
    }

    @Test
    void aSharedLinkIsOneCoreWithItsShareOfTheBandwidth() {
        // 1 byte a cycle shared: the 3072 bytes bound every split, as they bind one core with 1 / n of a byte
        for (int cores : new int[] {2, 4}) {
            LayerResult r = run(arch(1, "cores: {count: %d, dram: shared, partition: output_pixels}\n"
                    .formatted(cores)), add(256));
            LayerResult alone = run(arch(1.0 / cores, ""), add(256 / cores));
            assertThat(r.totalCycles()).isEqualTo(alone.totalCycles()).isGreaterThanOrEqualTo(3072);
        }
    }

    @Test
    void aPoolingShareReadsItsWindowsRows() {
        // 2 x 2 max pooling, stride 2, of 4 x 8 x 8: 4 x 4 x 4 out, 256 operations. Two cores take 2 output rows
        // each, whose windows read input rows 0-3 and 4-7: each core is the pooling of a 4 x 4 x 8 input alone
        Window w = new Window(2, 2, 2, 2, 0, 0, 1);
        Layer pool = Layers.pool(0, "p", LayerKind.MAXPOOL, List.of("x"), new Shape(4, 8, 8), 1, w);
        LayerResult r = run(arch(1000, "cores: {count: 2, dram: private}\n"), pool);
        LayerResult alone = run(arch(1000, ""), Layers.pool(0, "p", LayerKind.MAXPOOL, List.of("x"),
                new Shape(4, 4, 8), 1, w));
        assertThat(r.totalCycles()).isEqualTo(alone.totalCycles());
        assertThat(r.bytes("dram")).isEqualTo(4 * 8 * 8 + 4 * 4 * 4);
        assertThat(r.activity().vectorOps()).isEqualTo(256);
    }

    @Test
    void aGlobalPoolingRunsOnOneCore() {
        // one output pixel per channel: nothing to cut along rows or tokens
        Layer gap = Layers.globalAvgPool(0, "g", List.of("x"), new Shape(4, 8, 8), 1);
        LayerResult r = run(arch(1000, "cores: {count: 2}\n"), gap);
        assertThat(r.mapping().get("cores")).isEqualTo("1 of 2");
        assertThat(r.totalCycles()).isEqualTo(run(arch(1000, ""), gap).totalCycles());
    }
}
