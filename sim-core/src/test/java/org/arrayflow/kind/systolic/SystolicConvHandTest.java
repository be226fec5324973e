package org.arrayflow.kind.systolic;

import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.separate;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3x3 convolution, 2 input channels of 5x5, 3 filters, stride 1, no padding, on a 4x4 array with
 * ample SRAMs (64 KiB each) and DRAM (1000 B/cycle, no latency).
 *
 * <p>im2col: output 3x5x5 -> 3x3x3, so M = 9 output pixels, K = 3·3·2 = 18, N = 3. MACs = 9·18·3 = 486.
 * Stored input 2·25 = 50 words, weights 18·3 = 54, outputs 27. K is channel-major (k = c·9 + r·3 + s):
 * channel 0 is k 0..8, channel 1 is k 9..17.
 */
class SystolicConvHandTest {
    private static Layer conv() {
        return network(2, 5, 5, "{name: c, type: conv2d, filters: 3, kernel: 3}").layers().get(0);
    }

    private static LayerResult run(String dataflow) {
        return isolated(separate(4, 4, dataflow, 64, 64, 64, 1000, 0), conv());
    }

    @Test
    void loweringMatchesIm2col() {
        Layer l = conv();
        assertThat(l.macs()).isEqualTo(486);
        assertThat(l.weights()).isEqualTo(54);
        assertThat(l.gemms().get(0).m()).isEqualTo(9);
        assertThat(l.gemms().get(0).k()).isEqualTo(18);
        assertThat(l.gemms().get(0).n()).isEqualTo(3);
    }

    @Test
    void weightStationary() {
        // K=18 on rows -> 5 row folds (k ranges 0-3, 4-7, 8-11, 12-15, 16-17), N=3 -> 1 col fold, M=9 streamed.
        // Fold = 2*4 + 4 + 9 - 2 = 19; 5 folds -> 95.
        LayerResult r = run("weight-stationary");
        assertThat(r.mapping()).containsEntry("row_folds", "5").containsEntry("col_folds", "1");
        assertThat(r.computeCycles()).isEqualTo(95);
        // The K ranges touch channels {0}, {0}, {0,1}, {1}, {1}: each plane is fetched by the first range that
        // needs it and found on chip by the others, so DRAM ifmap = the stored 50 words, not 25+25+50+25+25.
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(50);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(54);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(27);
        // SRAM: the array reads the im2col view: M x K = 162 ifmap words (1 col fold), 54 weights;
        // partial sums 27 x 5 written, 27 x 4 read back.
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(162);
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(54);
        assertThat(traffic(r, "ofmap_sram", "psum").writes()).isEqualTo(135);
        assertThat(traffic(r, "ofmap_sram", "psum").reads()).isEqualTo(108);
    }

    @Test
    void outputStationary() {
        // M=9 on rows -> 3 row folds (4, 4, 1 pixels), N=3 -> 1 col fold, K=18 streamed.
        // Fold = 18 + 4 + 4 - 2 = 24; 3 folds -> 72.
        LayerResult r = run("output-stationary");
        assertThat(r.computeCycles()).isEqualTo(72);
        // A row fold takes its share of both planes, cut at floor(25·m/9) for m = 4, 8, 9: 11, 22, 25 words of
        // each plane, so 2·11, 2·11, 2·3 -> the stored 50 words (rounding each share up gave 23 + 23 + 6 = 52).
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(50);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(54);
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(162);
        // weights read once per row fold: 54 x 3.
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(162);
        assertThat(traffic(r, "ofmap_sram", "ofmap").writes()).isEqualTo(27);
    }

    @Test
    void inputStationary() {
        // K=18 on rows -> 5 row folds, M=9 on cols -> 3 col folds (4, 4, 1), N=3 streamed.
        // Fold = 2*4 + 4 + 3 - 2 = 13; 15 folds -> 195.
        LayerResult r = run("input-stationary");
        assertThat(r.mapping()).containsEntry("row_folds", "5").containsEntry("col_folds", "3")
                .containsEntry("folds", "15");
        assertThat(r.computeCycles()).isEqualTo(195);
        // Per column fold, its share of each of the 2 planes once, cut as for OS: 2·11 + 2·11 + 2·3 = the stored 50.
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(50);
        assertThat(traffic(r, "dram", "weight").reads()).isEqualTo(54);
        // ifmap stationary: 162 im2col words once; weights once per col fold: 54 x 3.
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(162);
        assertThat(traffic(r, "filter_sram", "weight").reads()).isEqualTo(162);
    }
}
