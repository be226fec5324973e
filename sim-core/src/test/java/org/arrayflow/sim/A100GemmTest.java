package org.arrayflow.sim;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled A100-class preset on fp16 GEMMs (docs/presets.md). Its fp16 peak is 108 SMs x 512 PEs x 2 MACs x
 * 1410 MHz = 155.93 T MAC/s (311.87 TFLOPS); a run never beats it, never moves less than the three operands once,
 * and takes at least max(MACs / peak, compulsory bytes / 1555 GB/s). A large GEMM approaches the peak and a
 * skinny one is bound by HBM.
 */
class A100GemmTest {
    private static final Architecture A100 = ArchLoader.load("a100");

    private static NetworkResult gemm(int m, int k, int n) {
        Network net = WorkloadLoader.parse("g.yaml", "format: arrayflow-workload/1\nname: g\n"
                + "tensors: {ifmap: {datatype: fp16}, weight: {datatype: fp16}, ofmap: {datatype: fp16}}\n"
                + "input: {channels: " + k + ", height: 1, width: 1}\n"
                + "layers:\n  - {name: g, type: gemm, m: " + m + ", k: " + k + ", n: " + n + "}\n", 1);
        return Simulator.run(A100, net, SimOptions.DEFAULT);
    }

    @Test
    void theFp16PeakIsThePublishedOne() {
        // 108 x 512 x 2 = 110,592 MACs per cycle
        assertThat(A100.peakMacsPerCycle(Datatype.FP16)).isEqualTo(110_592L);
    }

    @Test
    void aGemmNeverBeatsThePeakNorTheCompulsoryTraffic() {
        for (int[] s : new int[][] {{1024, 1024, 1024}, {64, 1024, 2048}}) {
            NetworkResult r = gemm(s[0], s[1], s[2]);
            long macs = (long) s[0] * s[1] * s[2];
            // fp16: 2 bytes per element of A (m x k), B (k x n) and C (m x n)
            long compulsory = 2L * ((long) s[0] * s[1] + (long) s[1] * s[2] + (long) s[0] * s[2]);
            assertThat(r.macs()).isEqualTo(macs);
            assertThat(r.bytes("dram")).isGreaterThanOrEqualTo(compulsory);
            double seconds = r.totalCycles() / 1410e6;
            assertThat(2.0 * macs / seconds).isLessThanOrEqualTo(2.0 * 110_592 * 1410e6);
            assertThat(seconds).isGreaterThanOrEqualTo(Math.max(macs / (110_592 * 1410e6), compulsory / 1555e9));
        }
    }

    @Test
    void aLargeGemmApproachesThePeak() {
        // 4096^3 = 68,719,476,736 MACs: at the peak 68,719,476,736 / 110,592 = 621,378 cycles. Each SM's share
        // (output tiles) keeps its arrays busy; at least 80 % of the peak means under 776,723 cycles
        NetworkResult r = gemm(4096, 4096, 4096);
        assertThat(r.totalCycles()).isBetween(621_378L, 776_723L);
        // utilisation counts fp16's 2 MACs a PE: MACs / (55,296 PEs x 2 x cycles), at most 1
        assertThat(r.utilization()).isCloseTo(68_719_476_736.0 / (110_592.0 * r.totalCycles()), within(1e-12));
        assertThat(r.layers().get(0).utilization()).isCloseTo(r.utilization(), within(1e-12));
    }

    @Test
    void aSkinnyGemmIsBoundByHbm() {
        // M = 64, N = K = 8192: fp16 A 64 x 8192, B 8192 x 8192, C 64 x 8192 = 136,314,880 bytes, at 1555 GB/s
        // 87.66 us = 123,604 cycles of 1410 MHz; the arrays need only 4,294,967,296 / 110,592 = 38,836. Bound by
        // HBM: the DRAM link is busy nearly all the time, and the layer takes at most 15 % more than its bytes'
        // time (the 700-cycle latency and the first and last transfers)
        NetworkResult r = gemm(64, 8192, 8192);
        long dramBusy = r.layers().get(0).busy().get("dram");
        assertThat(r.totalCycles()).isBetween(123_604L, 142_145L);
        assertThat((double) dramBusy).isGreaterThan(0.95 * r.totalCycles());
    }
}
