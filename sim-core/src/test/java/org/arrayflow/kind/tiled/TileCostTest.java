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
}
