package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.arrayflow.sim.Systolic4x4.arch;
import static org.arrayflow.sim.Systolic4x4.dram;
import static org.arrayflow.sim.Systolic4x4.gemm;
import static org.arrayflow.sim.Systolic4x4.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cores on a 4 x 4 weight-stationary array, on a GEMM of m rows (the tokens output_pixels splits), k = 4, n
 * output channels. The model's claim, checked here exactly: n identical cores in lockstep on a shared link take
 * what one core takes with 1/n of the bandwidth (n transfers of b bytes on a fair link of B finish at n·b / B,
 * and a core with B / n takes b / (B / n), the same); on private links, what one core takes alone on its share.
 */
class MultiCoreTest {
    @Test
    void privateLinksTimeEachCoreAlone() {
        // 256 rows over 2 and 4 cores: 128 and 64 rows each; with its own 1000 GB/s link (1000 bytes a cycle,
        // far from bound) a core takes what one core alone takes on its rows, and the chip does all 256 x 4 x 4
        for (int cores : new int[] {2, 4}) {
            Architecture chip = arch(1000, "cores: {count: %d, dram: private, partition: output_pixels}\n"
                    .formatted(cores));
            LayerResult r = run(chip, gemm(256, 4));
            LayerResult alone = run(arch(1000, ""), gemm(256 / cores, 4));
            assertThat(r.totalCycles()).isEqualTo(alone.totalCycles());
            assertThat(r.macs()).isEqualTo(256L * 4 * 4);
            assertThat(r.activity().macs()).isEqualTo(256L * 4 * 4);
            // compute-bound: the 16 x cores PEs need at least 4096 / (16 x cores) cycles
            assertThat(r.totalCycles()).isGreaterThanOrEqualTo(4096 / (16L * cores));
            assertThat(r.mapping().get("cores")).isEqualTo(cores + " of " + cores + " by output_pixels (" + cores
                    + " x " + 256 / cores + ")");
        }
    }

    @Test
    void aSharedLinkIsOneCoreWithItsShareOfTheBandwidth() {
        // 1 GB/s = 1 byte a cycle shared by 2 and 4 cores: each core's 128 or 64 rows (4 bytes each in, 4 out)
        // and the 16 weights (every core reads them, no shared level) queue with the others' copies, so the
        // chip takes what one core takes on its rows with 1/2 or 1/4 of a byte a cycle
        for (int cores : new int[] {2, 4}) {
            Architecture chip = arch(1, "cores: {count: %d, dram: shared, partition: output_pixels}\n".formatted(cores));
            LayerResult r = run(chip, gemm(256, 4));
            LayerResult alone = run(arch(1.0 / cores, ""), gemm(256 / cores, 4));
            assertThat(r.totalCycles()).isEqualTo(alone.totalCycles());
            // the link moved every core's bytes: 256 x 4 in + 256 x 4 out + cores x 16 weights >= 2048 + 16 cores
            assertThat(r.bytes("dram")).isEqualTo(2048 + 16L * cores);
            assertThat(r.totalCycles()).isGreaterThanOrEqualTo(2048 + 16L * cores);
        }
    }

    @Test
    void aBandwidthBoundLayerGainsNothingFromCoresOnSharedDram() {
        // 2064 bytes (1024 in, 1024 out, 16 weights) at 1 byte a cycle bound one core: 2350 cycles, the link busy
        // for 2064 of them. More cores on the same link cannot beat the 2064 every split still moves (at least,
        // plus the weights' copies); what they gain is at most the 286 cycles the link idles, in the array's fill
        // and the last tile's drain, which smaller shares shorten
        LayerResult one = run(arch(1, ""), gemm(256, 4));
        assertThat(one.totalCycles()).isEqualTo(2350);
        for (int cores : new int[] {2, 4, 8}) {
            LayerResult r = run(arch(1, "cores: {count: %d}\n".formatted(cores)), gemm(256, 4));
            assertThat(r.totalCycles()).isBetween(2064L, one.totalCycles());
        }
    }

    @Test
    void aComputeBoundLayerScales() {
        // 4096 rows: 65536 MACs on 16 PEs (>= 4096 cycles) against 32 KiB of DRAM traffic at 1000 bytes a cycle
        // (33 cycles): n cores take about 1/n of the time (within the array's fill and drain per core)
        long one = run(arch(1000, ""), gemm(4096, 4)).totalCycles();
        for (int cores : new int[] {2, 4}) {
            long t = run(arch(1000, "cores: {count: %d}\n".formatted(cores)), gemm(4096, 4)).totalCycles();
            assertThat((double) t).isBetween(one / (double) cores, one / (double) cores * 1.05);
        }
    }

    @Test
    void unevenSplitsConserveMacsAndFewerUnitsLeaveCoresIdle() {
        // K = 10 over 4 cores: 3 + 3 + 2 + 2 output channels; K = 3 over 4: three cores of 1
        Architecture chip = arch(1000, "cores: {count: 4, partition: output_channels}\n");
        LayerResult r = run(chip, gemm(32, 10));
        assertThat(r.activity().macs()).isEqualTo(32L * 4 * 10);
        assertThat(r.mapping().get("cores")).isEqualTo("4 of 4 by output_channels (2 x 3 + 2 x 2)");
        LayerResult three = run(chip, gemm(32, 3));
        assertThat(three.activity().macs()).isEqualTo(32L * 4 * 3);
        assertThat(three.mapping().get("cores")).isEqualTo("3 of 4 by output_channels (3 x 1)");
        // one output channel cannot split by channels: the next partition, output pixels (the 32 rows), is used
        LayerResult fallback = run(chip, gemm(32, 1));
        assertThat(fallback.mapping().get("cores"))
                .isEqualTo("4 of 4 by output_pixels (4 x 8) (output_channels does not split this layer)");
        assertThat(fallback.activity().macs()).isEqualTo(32L * 4);
    }

    @Test
    void convolutionRowsCarryTheirHaloAndMacsAddUp() {
        // 3 x 3 stride 1 pad 1 on 8 x 8: 8 output rows over 3 cores are 3 + 3 + 2, reading 5, 5 and 4 input rows
        Layer conv = Layers.conv2d(0, "c", List.of("input"), new Shape(4, 8, 8), 2, 4, new Window(3, 3, 1, 1, 1, 1, 1), 1);
        CoreSplit s = CoreSplit.of(conv, org.arrayflow.arch.Cores.Partition.OUTPUT_PIXELS, 3);
        assertThat(s.shares()).hasSize(2);
        assertThat(s.shares().get(0).layer().problem().h()).isEqualTo(5);
        assertThat(s.shares().get(1).layer().problem().h()).isEqualTo(4);
        long macs = s.shares().stream().mapToLong(x -> x.cores() * x.layer().macs()).sum();
        assertThat(macs).isEqualTo(conv.macs());
        LayerResult r = run(arch(4, "cores: {count: 3, partition: output_pixels}\n"), conv);
        assertThat(r.activity().macs()).isEqualTo(conv.macs());
    }

    @Test
    void aSharedLevelSendsTheReplicatedTensorOnce() {
        // output_channels: every core reads the whole 256 x 4 ifmap; an L2 holding it takes one copy from DRAM and
        // serves the 4 cores, so DRAM moves 1024 ifmap bytes, not 4096, and the L2 serves 4096
        String l2 = "cores: {count: 4, partition: output_channels, shared_level: {size_kib: 64, bandwidth_gb_s: 1000}}\n";
        LayerResult with = run(arch(1, l2), gemm(256, 8));
        LayerResult without = run(arch(1, "cores: {count: 4, partition: output_channels}\n"), gemm(256, 8));
        assertThat(dram(with, "ifmap")).isEqualTo(1024);
        assertThat(dram(without, "ifmap")).isEqualTo(4096);
        assertThat(with.bytes("l2")).isEqualTo(4096 + 1024);
        assertThat(with.totalCycles()).isLessThan(without.totalCycles());
    }

    @Test
    void aSharedLevelSmallerThanTheReplicatedTensorServesCoresThatStreamItTogether() {
        // 65,536 x 4 ifmap = 262,144 bytes, more than either L2; the cores in lockstep hold at most their own buffers
        // of it at a time (3 x 64 KiB = 196,608 bytes): a 200 KiB L2 keeps that and sends DRAM's one copy to all 4,
        // a 100 KiB one cannot, and each core fetches its own copy
        long fits = dram(run(arch(1, "cores: {count: 4, partition: output_channels, shared_level: "
                + "{size_kib: 200, bandwidth_gb_s: 1000}}\n"), gemm(65536, 8)), "ifmap");
        long small = dram(run(arch(1, "cores: {count: 4, partition: output_channels, shared_level: "
                + "{size_kib: 100, bandwidth_gb_s: 1000}}\n"), gemm(65536, 8)), "ifmap");
        assertThat(fits).isEqualTo(262_144);
        assertThat(small).isEqualTo(4 * 262_144);
    }

    @Test
    void moreCoresAndMoreBandwidthAreNeverSlower() {
        Layer conv = Layers.conv2d(0, "c", List.of("input"), new Shape(8, 16, 16), 2, 16,
                new Window(3, 3, 1, 1, 1, 1, 1), 1);
        for (String dram : new String[] {"shared", "private"}) {
            for (double gbps : new double[] {1, 8, 64}) {
                long last = run(arch(gbps, ""), conv).totalCycles();
                for (int cores = 2; cores <= 8; cores *= 2) {
                    long t = run(arch(gbps, "cores: {count: %d, dram: %s}\n".formatted(cores, dram)), conv).totalCycles();
                    assertThat(t).isLessThanOrEqualTo(last);
                    last = t;
                }
            }
            long slow = run(arch(1, "cores: {count: 4, dram: %s}\n".formatted(dram)), conv).totalCycles();
            long fast = run(arch(8, "cores: {count: 4, dram: %s}\n".formatted(dram)), conv).totalCycles();
            assertThat(fast).isLessThanOrEqualTo(slow);
        }
    }
}
