package org.arrayflow.sim;

import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.separate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GEMM 64x64x64 on a 4x4 WS array with ample SRAMs: 16 x 16 folds of 2*4 + 4 + 64 - 2 = 74 cycles
 * = 18,944 compute cycles; DRAM moves ifmap, weights and outputs once: 3 x 4096 = 12,288 B.
 */
class BandwidthTest {
    private static final long COMPUTE = 16 * 16 * 74;
    private static final long DRAM_BYTES = 3 * 4096;

    private static LayerResult run(double bytesPerCycle) {
        Layer g = gemm(64, 64, 64);
        // 1 GHz clock: GB/s = bytes per cycle
        return isolated(separate(4, 4, "weight-stationary", 64, 64, 64, bytesPerCycle, 0), g);
    }

    @Test
    void ampleBandwidthStallsOnlyForTheFirstFillAndLastDrain() {
        LayerResult r = run(1000);
        assertThat(r.computeCycles()).isEqualTo(COMPUTE);
        assertThat(r.bytes("dram")).isEqualTo(DRAM_BYTES);
        // first fold waits for its ifmap slice (256 B) and weight tile (16 B): 1 cycle each at 1000 B/cycle;
        // the last output block (64 x 4 B) is stored after the last fold: 1 cycle.
        assertThat(r.stallCycles()).isEqualTo(3);
    }

    @Test
    void halfTheNeededBandwidthDoublesTheTime() {
        // The transfers need 12,288 B in 18,944 cycles; give half of that rate: they take 2 x 18,944 cycles.
        double rate = (double) DRAM_BYTES / (2.0 * COMPUTE);
        LayerResult r = run(rate);
        assertThat(r.computeCycles()).isEqualTo(COMPUTE);
        double ratio = (double) r.totalCycles() / COMPUTE;
        assertThat(ratio).isBetween(1.95, 2.10);
        // never faster than the link allows
        assertThat(r.totalCycles()).isGreaterThanOrEqualTo((long) Math.ceil(DRAM_BYTES / rate));
    }
}
