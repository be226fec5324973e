package org.arrayflow.kind.tiled;

import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Zhang's loop nest counted by hand for a small layer. */
class TileCostTest {
    @Test
    void countsEdgeTilesAndReloads() {
        // 2 input channels, 4x4 input, 3 filters 3x3 pad 1 -> 3x4x4. Engine Tm=2, Tn=1; tile Tr=2, Tc=4.
        ConvShape s = new ConvShape(3, 2, 4, 4, 3, 3, 1, 1, 1, 1, 1, 4, 4, 1);
        TileCost c = TileCost.of(s, new LoopTiling(2, 1, 2, 4), Precision.of(Datatype.word(32), Datatype.word(32)));
        // Compute: ceil(3/2)=2 output blocks x ceil(2/1)=2 input blocks x 9 x 16 pixels = 576 cycles.
        assertThat(c.computeCycles()).isEqualTo(576);
        // Input rows per row tile: rows 0-1 need [-1, 2] -> 3 rows; rows 2-3 need [1, 4] -> 3 rows; all 4 columns.
        // Loaded once per output block: 2 blocks x 2 channels x (3 + 3) x 4 = 96 words.
        assertThat(c.inputWords()).isEqualTo(96);
        // Weights once per spatial tile: 2 tiles x 3 x 2 x 9 = 108 words; outputs once: 3 x 16 = 48.
        assertThat(c.weightWords()).isEqualTo(108);
        assertThat(c.outputWords()).isEqualTo(48);
        // One copy of the tiles, sized for an interior tile ((Tr - 1) x S + K = 4 rows, capped at the 4-row map;
        // columns likewise 4): input 1 x 4 x 4 = 16, weight 2 x 1 x 9 = 18, output 2 x 2 x 4 = 16 -> 50 words.
        assertThat(c.bufferWords()).isEqualTo(50);
        assertThat(c.bramBytes()).isEqualTo(2 * 50 * 4);
    }

    @Test
    void stepEstimateAddsTheEndsAndTheStoreBursts() {
        // The layer above: steps of 9 x 2 x 4 = 72 compute cycles; per step the link brings an input tile of 16 and a
        // weight tile of 18 words (136 bytes), and an output tile of 16 words (64 bytes) leaves after the last step.
        ConvShape s = new ConvShape(3, 2, 4, 4, 3, 3, 1, 1, 1, 1, 1, 4, 4, 1);
        TileCost c = TileCost.of(s, new LoopTiling(2, 1, 2, 4), Precision.of(Datatype.word(32), Datatype.word(32)));
        // 8 tiles = 4 output tiles (2 row tiles x 2 output blocks) x 2 steps.
        // At 4 bytes a cycle: load 34, store 16; per output tile max(72, 34) + max(72, 34 + 16) = 144;
        // first load 34 + 4 x 144 + last store 16 = 626, against the roofline's max(576, 1,008 / 4) = 576.
        assertThat(c.stepCycles(4)).isEqualTo(626.0);
        assertThat(c.rooflineCycles(4)).isEqualTo(576.0);
        // At 1 byte a cycle the link is the bottleneck in every step: 136 + 4 x (136 + 200) + 64 = 1,544.
        assertThat(c.stepCycles(1)).isEqualTo(1544.0);
    }
}
