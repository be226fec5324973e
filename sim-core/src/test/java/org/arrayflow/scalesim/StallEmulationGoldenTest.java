package org.arrayflow.scalesim;

import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCALE-Sim v2's golden USER-mode reports (test/general/golden_trace_user_{os,ws,is}: GEMM M=256 N=128 K=256,
 * 32x32 array, 64 kB buffers, Bandwidth 10), reproduced by the stall emulation: published numbers, not ours.
 */
class StallEmulationGoldenTest {

    @ParameterizedTest
    @CsvSource({
            // df, total, stall, sramIf start/stop, sramF start/stop, sramO start/stop,
            // dramIf start/stop/reads, dramF start/stop/reads, dramO start/stop/writes
            "os, 52447, 42272, 1, 52417, 1, 52417, 255, 52447, -3277, 49169, 524320, -3277, -1, 32770, 52447, 55723, 32768",
            "ws, 52447, 41248, 33, 52417, 1, 52130, 63, 52447, -3277, 49169, 524320, -3277, -1, 32770, 11831, 55725, 262175",
            "is, 19984, 5777, 1, 19795, 33, 19954, 63, 19984, -3277, 9833, 131080, -3277, -1, 32770, 1839, 26538, 262157",
    })
    void goldenUserGemm(String df, long total, long stall, double sIf0, double sIf1, double sF0, double sF1,
                        double sO0, double sO1, double dIf0, double dIf1, long dIf, double dF0, double dF1, long dF,
                        double dO0, double dO1, long dO) {
        ScaleSimConfig cfg = ScaleSimConfig.load("../validation/scalesim/scale_user_bw10_" + df + ".cfg");
        Network net = Topology.load("../validation/scalesim/gemm_256x128x256.csv", Topology.Format.GEMM);
        Layer layer = net.layers().get(0);
        Gemm g = layer.gemms().get(0);
        FoldShape fs = FoldShape.of(cfg.dataflow(), cfg.rows(), cfg.cols(), g);
        StallEmulation.Result r = StallEmulation.run(cfg, fs, OperandAddresses.of(layer, g.m(), g.k(), g.n()));
        assertThat(r.totalCycles()).isEqualTo(total);
        assertThat(r.stallCycles()).isEqualTo(stall);
        assertThat(r.sramIfmap()).isEqualTo(new ScaleSimLayer.Span(sIf0, sIf1));
        assertThat(r.sramFilter()).isEqualTo(new ScaleSimLayer.Span(sF0, sF1));
        assertThat(r.sramOfmap()).isEqualTo(new ScaleSimLayer.Span(sO0, sO1));
        assertThat(r.dramIfmap()).isEqualTo(new ScaleSimLayer.Span(dIf0, dIf1));
        assertThat(r.dramIfmapReads()).isEqualTo(dIf);
        assertThat(r.dramFilter()).isEqualTo(new ScaleSimLayer.Span(dF0, dF1));
        assertThat(r.dramFilterReads()).isEqualTo(dF);
        assertThat(r.dramOfmap()).isEqualTo(new ScaleSimLayer.Span(dO0, dO1));
        assertThat(r.dramOfmapWrites()).isEqualTo(dO);
    }
}
