package org.arrayflow.fusion;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-derived pyramid regions, recomputed MACs and cached words for two 3x3 conv layers. */
class PyramidPlanTest {
    /** 1x6x6 input; conv a: 2 filters 3x3 no pad -> 2x4x4; conv b: 1 filter 3x3 no pad -> 1x2x2. */
    static final String VALID = """
            format: arrayflow-workload/1
            name: tiny
            input: {channels: 1, height: 6, width: 6}
            layers:
              - {name: a, type: conv2d, filters: 2, kernel: 3}
              - {name: b, type: conv2d, filters: 1, kernel: 3}
            """;

    static GroupChain chain(String yaml) {
        Network n = WorkloadLoader.parse("tiny.yaml", yaml, 0);
        return GroupChain.of(new LayerGroup(n.layers()));
    }

    /** 4-byte words throughout (the two-layer chain as a tiled fp32 engine sees it). */
    private static final Precision FP32 = Precision.of(Datatype.word(32), Datatype.word(32));
    private static final List<Precision> WORD32 = List.of(FP32, FP32);

    @Test
    void recomputeWithOneByOneTiles() {
        PyramidPlan p = new PyramidPlan(chain(VALID), FusionStrategy.RECOMPUTE, 1, 1, WORD32, 1 << 20);
        // 2x2 output of b, 1x1 tiles -> 4 pyramids. Output pixel (i, j) of b needs a-outputs rows/cols
        // [i, i+2] (3x3) and input rows/cols [i, i+4] (5x5).
        assertThat(p.pyramids()).isEqualTo(4);
        // Useful: a 16 px x (2 filters x 1 ch x 9) = 288, b 4 px x (1 x 2 x 9) = 72; 360 in all.
        assertThat(p.usefulMacs).isEqualTo(360);
        // Each pyramid computes 9 a-pixels (162 MACs) and 1 b-pixel (18): 4 x 180 = 720, so 360 extra.
        assertThat(p.computedMacs).isEqualTo(720);
        assertThat(p.extraMacs()).isEqualTo(360);
        // Nothing is kept between pyramids: each loads its 5x5 input region, 4 x 25 = 100 words; 4 outputs.
        assertThat(p.inputLoadWords).isEqualTo(100);
        assertThat(p.outputWords).isEqualTo(4);
        // Storage: input 5x5x1 + a-tile 3x3x2 + b-tile 1x1x1 = 25 + 18 + 1 = 44 words.
        assertThat(p.storageWords).isEqualTo(44);
    }

    @Test
    void reuseWithOneByOneTiles() {
        PyramidPlan p = new PyramidPlan(chain(VALID), FusionStrategy.REUSE, 1, 1, WORD32, 1 << 20);
        // Rows of a computed: first tile 3 (rows 0..2), second only row 3 -> 4 rows; same for columns:
        // 16 a-pixels, exactly the layer; b 4 pixels. No extra MACs.
        assertThat(p.computedMacs).isEqualTo(360);
        assertThat(p.extraMacs()).isZero();
        // Input rows 0..4 then row 5: every input word once (36), output 4.
        assertThat(p.inputLoadWords).isEqualTo(36);
        // Steady new regions: input 1x1x1, a 1x1x2, b 1x1x1 = 4 words.
        // Row caches (K - S = 2 rows across the input width): a 2x6x1 = 12, b 2x4x2 = 16 -> 28.
        // Column caches (2 columns over the window's rows, (1 - 1) x 1 + 3 = 3): a 2x3x1 = 6, b 2x3x2 = 12 -> 18.
        assertThat(p.rowCacheWords).isEqualTo(28);
        assertThat(p.colCacheWords).isEqualTo(18);
        assertThat(p.storageWords).isEqualTo(50);
        assertThat(p.storageBytes()).isEqualTo(200);
    }

    @Test
    void blockConvolutionHasNoHalo() {
        String same = """
                format: arrayflow-workload/1
                name: same
                input: {channels: 1, height: 4, width: 4}
                layers:
                  - {name: a, type: conv2d, filters: 2, kernel: 3, padding: 1}
                  - {name: b, type: conv2d, filters: 1, kernel: 3, padding: 1}
                """;
        PyramidPlan p = new PyramidPlan(chain(same), FusionStrategy.BLOCK, 2, 2, WORD32, 1 << 20);
        // Four 2x2 blocks, each padded on its own: a 16 px x 18 + b 16 px x 18 = 576 MACs, as unfused.
        assertThat(p.pyramids()).isEqualTo(4);
        assertThat(p.computedMacs).isEqualTo(576).isEqualTo(p.usefulMacs);
        assertThat(p.inputLoadWords).isEqualTo(16);
        // Storage: input 2x2x1 + a 2x2x2 + b 2x2x1 = 16 words, no caches.
        assertThat(p.storageWords).isEqualTo(16);
        // The unpadded network shrinks its maps, so blocks cannot be independent: refused.
        assertThatThrownBy(() -> new PyramidPlan(chain(VALID), FusionStrategy.BLOCK, 1, 1, WORD32, 1 << 20))
                .isInstanceOf(MappingException.class).hasMessageContaining("block convolution");
    }

    @Test
    void groupThatFitsNoTileNamesTheSmallestBudget() {
        // A 100 B budget fits no tile size.
        FusionPlanner tight = new FusionPlanner(FusionStrategy.REUSE, l -> FP32, 100, 0, 0);
        assertThatThrownBy(() -> tight.plan(chain(VALID))).isInstanceOf(MappingException.class)
                .hasMessageContaining("smallest budget that works is");
        // The smallest storage over all tiles is a 2x1 tile (whole height, one column of b): one row of
        // pyramids, so no row cache. New regions per step: input 6x1x1 = 6, a 4x1x2 = 8, b 2x1x1 = 2 -> 16.
        // Column caches over the full window height: a 2 x ((4 - 1) + 3 = 6) x 1 = 12, b 2 x ((2 - 1) + 3 = 4) x 2
        // = 16 -> 28. Total 44 words = 176 B (less than the 200 B of 1x1 tiles), and 176 B then fits.
        String msg = "";
        try {
            tight.plan(chain(VALID));
        } catch (MappingException e) {
            msg = e.getMessage();
        }
        assertThat(msg).contains("is 176 bytes (tile 2x1");
        PyramidPlan ok = new FusionPlanner(FusionStrategy.REUSE, l -> FP32, 176, 0, 0).plan(chain(VALID));
        assertThat(ok.storageBytes()).isEqualTo(176);
    }
}
