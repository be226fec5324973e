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
 * Pooling and element-wise layers on the vector unit of a 4x4 array (lanes default to the column count, 4).
 */
class VectorPassTest {
    @Test
    void maxPoolStreamsItsInputOnceThroughTheVectorUnit() {
        // 2x4x4 input, 2x2/2 max pooling -> 2x2x2 = 8 outputs, each a max over 4 inputs: 32 element ops.
        // 4 lanes: ceil(32 / 4) = 8 vector cycles. Input 32 words read from DRAM once, output 8 words written once.
        Layer l = network(2, 4, 4, "{name: p, type: maxpool, kernel: 2}").layers().get(0);
        assertThat(l.vectorOps()).isEqualTo(32);
        LayerResult r = isolated(separate(4, 4, "weight-stationary", 64, 64, 64, 1000, 0), l);
        assertThat(r.computeCycles()).isEqualTo(8);
        assertThat(r.mapping()).containsEntry("unit", "vector").containsEntry("lanes", "4").containsEntry("pieces", "1");
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(32);
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(32);
        assertThat(traffic(r, "ofmap_sram", "ofmap").writes()).isEqualTo(8);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(8);
        // one load (1 cycle at 1000 B/cycle) before, one store (1 cycle) after
        assertThat(r.totalCycles()).isEqualTo(8 + 2);
    }

    @Test
    void addReadsBothInputs() {
        // two 4x3x3 tensors added: 36 element ops -> 9 cycles on 4 lanes; 72 words in, 36 out.
        Layer l = network(4, 3, 3, "{name: a, type: conv2d, filters: 4, kernel: 1}",
                "{name: s, type: add, inputs: [a, input]}").layers().get(1);
        LayerResult r = isolated(separate(4, 4, "weight-stationary", 64, 64, 64, 1000, 0), l);
        assertThat(r.computeCycles()).isEqualTo(9);
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(72);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(36);
    }

    @Test
    void aSmallBufferSplitsTheStreamIntoPiecesThatFit() {
        // global average pooling of 64x7x7 (3136 words) into 64 outputs through a 32 B ifmap SRAM: pieces of at
        // most 16 B (half the buffer) -> ceil(3136 / 16) = 196 pieces; every piece fits.
        Layer l = network(64, 7, 7, "{name: g, type: global_avgpool}").layers().get(0);
        LayerResult r = isolated(separate(4, 4, "weight-stationary", 32 / 1024.0, 64, 64, 1000, 0), l);
        assertThat(r.mapping()).containsEntry("pieces", "196");
        assertThat(traffic(r, "dram", "ifmap").reads()).isEqualTo(3136);
        assertThat(traffic(r, "dram", "ofmap").writes()).isEqualTo(64);
        // 3136 ops on 4 lanes = 784 cycles, split over the pieces without loss
        assertThat(r.computeCycles()).isEqualTo(784);
    }
}
